# Private data collections for a chaincode whose package.json declares
# "tongban": {"collections": "city-pairs"}: one per pair of cities, so the data
# of a case stays with its receiving and handling city. Only their members
# read or write it, every write is endorsed by a peer of each (a case is
# opened by both cities), and no other peer ever holds it.
#
# Input: the cities' MSP IDs (a JSON array). $peers_per_city: peers per city.
# requiredPeerCount is 0 because both endorsing peers already hold the data;
# maxPeerCount lets them pass it on to their cities' other peers.
def principals(role): map("'\(.).\(role)'") | join(",");

[range(length) as $i | range($i + 1; length) as $j | [.[$i], .[$j]] | sort]
| map({
    name: "pair_\(.[0])_\(.[1])",
    policy: "OR(\(principals("member")))",
    requiredPeerCount: 0,
    maxPeerCount: (2 * $peers_per_city - 2),
    blockToLive: 0,
    memberOnlyRead: true,
    memberOnlyWrite: true,
    endorsementPolicy: { signaturePolicy: "AND(\(principals("peer")))" }
  })
