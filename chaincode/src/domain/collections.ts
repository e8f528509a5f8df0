/**
 * Private data collections: one per pair of cities, so the applicant's data of
 * a case stays with its receiving and handling city. The chaincode names the
 * collection it writes with pairCollection; deploy-chaincode.sh writes the
 * channel's collection configuration with pairCollectionsConfig.
 */

/** The private data collection two cities share, whichever is named first. */
export const pairCollection = (mspIds: readonly [string, string]): string => `pair_${[...mspIds].sort().join('_')}`;

/** One collection of Fabric's collection configuration file (collections_config.json). */
export interface CollectionConfig {
  name: string;
  policy: string;
  requiredPeerCount: number;
  maxPeerCount: number;
  blockToLive: number;
  memberOnlyRead: boolean;
  memberOnlyWrite: boolean;
  endorsementPolicy: { signaturePolicy: string };
}

const principals = (mspIds: readonly string[], role: string): string => mspIds.map((msp) => `'${msp}.${role}'`).join(',');

/**
 * The collections of every pair of cities that is or was in the channel. Only
 * the pair's cities' members read or write one, every write is endorsed by a
 * peer of each (a case is opened by both cities), and no other peer ever
 * holds it. requiredPeerCount is 0 because the endorsing peers already hold
 * the data; maxPeerCount lets them pass it on to their cities' other peers.
 *
 * Fabric never deletes a collection, so a pair with a city that left
 * (`formerMspIds`) keeps its name: the city that stays reads it alone, and its
 * records can no longer change. A pair whose cities both left goes to
 * `orphanOwner` (the ordering organisation, which runs no peer): nobody reads
 * or writes it again, and Fabric accepts the definition (every member of a
 * collection must be an organisation of the channel).
 */
export function pairCollectionsConfig(
  mspIds: readonly string[],
  peersPerCity: number,
  formerMspIds: readonly string[] = [],
  orphanOwner?: string,
): CollectionConfig[] {
  const everyCity = [...mspIds, ...formerMspIds];
  const collections: CollectionConfig[] = [];
  everyCity.forEach((first, index) => {
    for (const second of everyCity.slice(index + 1)) {
      const pair = [first, second].sort();
      const staying = pair.filter((msp) => mspIds.includes(msp));
      if (staying.length === 0 && !orphanOwner) {
        throw new Error(`pair collection of ${pair.join(' and ')}: both cities left the channel and no owner for it was given`);
      }
      const members = staying.length > 0 ? staying : [orphanOwner as string];
      collections.push({
        name: pairCollection([first, second]),
        policy: `OR(${principals(members, 'member')})`,
        requiredPeerCount: 0,
        maxPeerCount: staying.length * (peersPerCity - 1),
        blockToLive: 0,
        memberOnlyRead: true,
        memberOnlyWrite: true,
        endorsementPolicy: { signaturePolicy: `AND(${principals(members, 'peer')})` },
      });
    }
  });
  return collections;
}
