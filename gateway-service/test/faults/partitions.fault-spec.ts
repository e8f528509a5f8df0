import { setUpAgreement, threeCities } from '../integration/http';
import { loadNetwork } from '../integration/network';
import { eventually } from '../integration/receivers';
import { gauge, heal, partition, settledLeader } from './processes';
import { caughtUp, expectEachCaseOnce, newCaseIn, readBack } from './cases';
import { Outcome, retryUntilAnswered, SteadyLoad } from './steady-load';

/**
 * Network partitions, in the netns mode only (each city and orderer on an
 * address of its own; elsewhere there is nothing to cut): a city cut off from
 * the others under load, and an orderer cut off from the others. The machine
 * running the tests still reaches every node, as an operator's would.
 */
const network = loadNetwork();
const cities = threeCities(network);
const { haidian, foshan, tianjin } = cities;
const run = `P${Date.now().toString(36).toUpperCase()}`;
const ITEM = `FS-PART-${run}`;
const AGREEMENT = `AGR-PART-${run}`;
const createIn = newCaseIn(ITEM, AGREEMENT, foshan.city.mspId);
const heightOf = (client: typeof haidian) => gauge(client.city.peers[0].operations, 'ledger_blockchain_height');
/**
 * A cut is answered as a fault, retryably (503, a Fabric code, Retry-After), and
 * within the gateway's endorsement deadline (TONGBAN_ENDORSE_TIMEOUT_MS, 15 s):
 * a call over a connection that was open when the cut came is given up only
 * then, as TCP retransmits rather than failing on a lost route; a new
 * connection fails at once.
 */
const ANSWERED_WITHIN_MS = 15_000 + 5_000;

const describeWithNamespaces = network.netns ? describe : describe.skip;

describeWithNamespaces('partitions', () => {
  beforeAll(() => setUpAgreement(cities, ITEM, AGREEMENT));

  it("cuts Haidian off under load: Tianjin's cases with Foshan go on, Haidian's steps fail retryably within the endorsement deadline, and Haidian catches up after the heal", async () => {
    const before = `HD-${run}-BEFORE`;
    expect((await createIn(haidian)(before)).status).toBe(201);
    expect((await haidian.post('clerk', `/cases/${before}/verification`)).status).toBe(200);

    const load = new SteadyLoad(`TJ-${run}-CUT`, createIn(tianjin));
    let outcomes: Map<string, Outcome>;
    try {
      await load.progress(4, 30_000, 'before the cut');
      await partition('haidian');
      // From Haidian: its peer reaches neither Foshan's peer nor an orderer.
      let started = Date.now();
      const fromHaidian = await createIn(haidian)(`HD-${run}-DURING`);
      expect(Date.now() - started).toBeLessThan(ANSWERED_WITHIN_MS);
      expect({ status: fromHaidian.status, code: fromHaidian.body.code, retryAfter: fromHaidian.headers.has('retry-after') }).toEqual({
        status: 503,
        code: expect.stringMatching(/^FABRIC_/) as unknown,
        retryAfter: true,
      });
      // To Haidian: Foshan's step on a case of the pair needs Haidian's endorsement too.
      started = Date.now();
      const toHaidian = await foshan.post('reviewer', `/cases/${before}/acceptance`);
      expect(Date.now() - started).toBeLessThan(ANSWERED_WITHIN_MS);
      expect({ status: toHaidian.status, retryAfter: toHaidian.headers.has('retry-after') }).toEqual({ status: 503, retryAfter: true });
      await load.progress(6, 60_000, 'while Haidian is cut off');
      await heal('haidian');
      await load.progress(4, 60_000, 'after the heal');
    } finally {
      outcomes = await load.stop();
      await heal('haidian');
    }
    // The pair without Haidian never noticed.
    expect([...outcomes.values()].filter((outcome) => outcome.status !== 201)).toEqual([]);
    await expectEachCaseOnce(outcomes, createIn(tianjin), foshan);

    // Haidian's peer catches up, and its steps go through again.
    await caughtUp(haidian);
    expect((await retryUntilAnswered(() => foshan.post('reviewer', `/cases/${before}/acceptance`)))?.status).toBe(200);
    expect((await retryUntilAnswered(() => createIn(haidian)(`HD-${run}-DURING`)))?.status).toBe(201);
    expect((await readBack(haidian, 'auditor', `/cases/${before}`)).body.status).toBe('ACCEPTED');
  });

  it('cuts the ordering leader off under load: ordering goes on with the others, no acknowledged case is lost, and it catches up after the heal', async () => {
    const leader = await settledLeader();
    const load = new SteadyLoad(`TJ-${run}-OCUT`, createIn(tianjin));
    let outcomes: Map<string, Outcome>;
    try {
      await load.progress(4, 30_000, 'before the cut');
      await partition(`orderer${leader}`);
      await load.progress(6, 60_000, `while orderer${leader} is cut off`);
      await heal(`orderer${leader}`);
      await load.progress(4, 60_000, 'after the heal');
    } finally {
      outcomes = await load.stop();
      await heal(`orderer${leader}`);
    }
    const height = (orderer: (typeof network.orderers)[number]) => gauge(orderer.operations, 'ledger_blockchain_height');
    const cut = network.orderers.find((orderer) => orderer.index === leader) as (typeof network.orderers)[number];
    await eventually(
      async () => (await height(cut)) === Math.max(...(await Promise.all(network.orderers.map(height))).map((value) => value ?? 0)),
      90_000,
      `orderer${leader} to catch up with the others`,
    );
    // The peers too: then every acknowledged case can be read back, and what runs next finds a settled network.
    const ordered = (await height(cut)) ?? 0;
    for (const client of [haidian, foshan, tianjin]) {
      await eventually(async () => ((await heightOf(client)) ?? 0) >= ordered, 90_000, `${client.city.key}'s peer to catch up`);
    }
    await expectEachCaseOnce(outcomes, createIn(tianjin), foshan);
  });
});
