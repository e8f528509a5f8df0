import { pairCollection, pairCollectionsConfig } from './collections';

describe('pairCollectionsConfig', () => {
  it('gives every pair of cities one collection that both read and both must endorse', () => {
    const collections = pairCollectionsConfig(['HaidianMSP', 'FoshanMSP', 'TianjinMSP'], 2);
    expect(collections.map((collection) => collection.name)).toEqual([
      'pair_FoshanMSP_HaidianMSP',
      'pair_HaidianMSP_TianjinMSP',
      'pair_FoshanMSP_TianjinMSP',
    ]);
    expect(collections[0]).toEqual({
      name: pairCollection(['HaidianMSP', 'FoshanMSP']),
      policy: "OR('FoshanMSP.member','HaidianMSP.member')",
      requiredPeerCount: 0,
      maxPeerCount: 2,
      blockToLive: 0,
      memberOnlyRead: true,
      memberOnlyWrite: true,
      endorsementPolicy: { signaturePolicy: "AND('FoshanMSP.peer','HaidianMSP.peer')" },
    });
  });

  it('keeps the collections of a city that left, read by the city that stays alone', () => {
    const collections = pairCollectionsConfig(['HaidianMSP', 'FoshanMSP'], 1, ['ChangshaMSP']);
    const withChangsha = collections.find((collection) => collection.name === 'pair_ChangshaMSP_FoshanMSP');
    expect(withChangsha).toMatchObject({
      policy: "OR('FoshanMSP.member')",
      maxPeerCount: 0,
      blockToLive: 0,
      endorsementPolicy: { signaturePolicy: "AND('FoshanMSP.peer')" },
    });
    expect(collections.map((collection) => collection.name).sort()).toEqual([
      'pair_ChangshaMSP_FoshanMSP',
      'pair_ChangshaMSP_HaidianMSP',
      'pair_FoshanMSP_HaidianMSP',
    ]);
  });

  it('gives a pair whose cities both left to the owner named for it, or refuses without one', () => {
    expect(() => pairCollectionsConfig(['HaidianMSP'], 1, ['ChangshaMSP', 'ZhuzhouMSP'])).toThrow(
      'pair collection of ChangshaMSP and ZhuzhouMSP: both cities left the channel and no owner for it was given',
    );
    const orphan = pairCollectionsConfig(['HaidianMSP'], 1, ['ChangshaMSP', 'ZhuzhouMSP'], 'OrdererMSP').find(
      (collection) => collection.name === 'pair_ChangshaMSP_ZhuzhouMSP',
    );
    expect(orphan).toMatchObject({
      policy: "OR('OrdererMSP.member')",
      endorsementPolicy: { signaturePolicy: "AND('OrdererMSP.peer')" },
      maxPeerCount: 0,
    });
  });
});
