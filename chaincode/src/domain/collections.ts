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
 * The collections of every pair of `mspIds`. Only the two cities' members read
 * or write one, every write is endorsed by a peer of each (a case is opened by
 * both cities), and no other peer ever holds it. requiredPeerCount is 0
 * because both endorsing peers already hold the data; maxPeerCount lets them
 * pass it on to their cities' other peers.
 */
export function pairCollectionsConfig(mspIds: readonly string[], peersPerCity: number): CollectionConfig[] {
  const collections: CollectionConfig[] = [];
  mspIds.forEach((first, index) => {
    for (const second of mspIds.slice(index + 1)) {
      const pair = [first, second].sort();
      collections.push({
        name: pairCollection([first, second]),
        policy: `OR(${principals(pair, 'member')})`,
        requiredPeerCount: 0,
        maxPeerCount: 2 * peersPerCity - 2,
        blockToLive: 0,
        memberOnlyRead: true,
        memberOnlyWrite: true,
        endorsementPolicy: { signaturePolicy: `AND(${principals(pair, 'peer')})` },
      });
    }
  });
  return collections;
}
