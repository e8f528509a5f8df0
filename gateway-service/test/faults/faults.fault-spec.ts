import { setUpAgreement, threeCities } from '../integration/http';
import { loadNetwork } from '../integration/network';
import { eventually, WebhookReceiver } from '../integration/receivers';
import { isRunning, startedPid, workerPid } from '../support/process-info';
import {
  crash,
  deployChaincode,
  everyOrdererInOneView,
  gauge,
  restartNetwork,
  settledLeader,
  startGateway,
  startOrderer,
  startPeer,
  stop,
} from './processes';
import { caseBody, expectEachCaseOnce, newCaseIn, readBack } from './cases';
import { Outcome, retryUntilAnswered, SteadyLoad } from './steady-load';

/**
 * What survives faults: a killed chaincode server, a stopped peer of the
 * handling city, an orderer (the consensus leader, then a follower) stopped
 * under load, a gateway killed under load and the whole network restarted.
 * The orderer tests hold for either ordering service (Raft or SmartBFT). Each
 * test restores the network before it ends.
 */
const network = loadNetwork();
const cities = threeCities(network);
const { haidian, foshan, tianjin, FOSHAN } = cities;
const run = `F${Date.now().toString(36).toUpperCase()}`;
const ITEM = `FS-FAULT-${run}`;
const AGREEMENT = `AGR-FAULT-${run}`;
const newCase = caseBody(ITEM, AGREEMENT, FOSHAN);
/** A fault must be answered as one, quickly: a 5xx with a stable code, never a hang or a bare 500. */
const FABRIC_FAILURE = /^(FABRIC_|COMMIT_|NOT_READY)/;

async function forwardedCase(id: string): Promise<void> {
  expect((await haidian.post('clerk', '/cases', newCase(id))).status).toBe(201);
  expect((await haidian.post('clerk', `/cases/${id}/verification`)).body.status).toBe('FORWARDED');
}

beforeAll(() => setUpAgreement(cities, ITEM, AGREEMENT));

const createIn = newCaseIn(ITEM, AGREEMENT, FOSHAN);

describe('faults', () => {
  it('answers clearly while the chaincode server is down, writes nothing partial, and recovers when it is restarted', async () => {
    const id = `HD-${run}-CC`;
    await forwardedCase(id);
    // The server itself, not its supervisor.
    const before = workerPid(network.runtimeDir, 'chaincode.foshan');
    process.kill(before, 'SIGKILL');
    const refused = await foshan.post('reviewer', `/cases/${id}/acceptance`);
    expect(refused.status).toBeGreaterThanOrEqual(500);
    expect(refused.body.code).toMatch(FABRIC_FAILURE);
    expect((await haidian.get('auditor', `/cases/${id}`)).body).toMatchObject({ status: 'FORWARDED', timeline: [{}, {}] });

    // The supervisor restarts the server; the same request then succeeds, once.
    const accepted = await retryUntilAnswered(() => foshan.post('reviewer', `/cases/${id}/acceptance`));
    expect(accepted?.status).toBe(200);
    expect(workerPid(network.runtimeDir, 'chaincode.foshan')).not.toBe(before);
    const timeline = (await readBack(haidian, 'auditor', `/cases/${id}`)).body.timeline as { action: string }[];
    expect(timeline.map((entry) => entry.action)).toEqual(['receive', 'verify', 'accept']);
  });

  it("answers 503 at once while the handling city's peer is down, and catches up after its restart", async () => {
    const id = `HD-${run}-PEER`;
    try {
      await stop('peer0.foshan');
      const started = Date.now();
      const read = await foshan.get('reviewer', `/cases/${id}`);
      expect(Date.now() - started).toBeLessThan(6_000);
      expect(read.status).toBe(503);
      expect(read.body.code).toBe('FABRIC_UNAVAILABLE');
      expect((await foshan.get(undefined, '/health/ready')).status).toBe(503);
      // Haidian cannot open a case that Foshan must endorse; nothing is recorded.
      const receipt = await createIn(haidian)(id);
      expect(receipt.status).toBeGreaterThanOrEqual(500);
      expect(receipt.body.code).toMatch(FABRIC_FAILURE);
      expect((await haidian.get('auditor', `/cases/${id}`)).status).toBe(404);
    } finally {
      await startPeer('foshan');
    }
    const height = (city: typeof haidian) => gauge(city.city.peers[0].operations, 'ledger_blockchain_height');
    const haidianHeight = (await height(haidian)) as number;
    await eventually(async () => ((await height(foshan)) ?? 0) >= haidianHeight, 60_000, "Foshan's peer to catch up");
    expect((await retryUntilAnswered(() => createIn(haidian)(id)))?.status).toBe(201);
    // Foshan's gateway reconnects to its peer with gRPC backoff: it becomes ready again by itself.
    expect((await retryUntilAnswered(() => foshan.get(undefined, '/health/ready')))?.status).toBe(200);
    expect((await readBack(foshan, 'reviewer', `/cases/${id}`)).body.status).toBe('RECEIVED');
  });

  /**
   * Stops orderer `index` under a steady load of case creations and starts it
   * again: every acknowledged case is on the ledger once, every failure said it
   * was retryable, and the restarted node catches up with the others.
   */
  async function stopOrdererUnderLoad(index: number, label: string): Promise<void> {
    const load = new SteadyLoad(`HD-${run}-${label}`, createIn(haidian));
    let outcomes: Map<string, Outcome>;
    try {
      await load.progress(4, 30_000, 'before the stop');
      await stop(`orderer${index}`);
      await load.progress(6, 60_000, `while orderer${index} is down`);
      await startOrderer(index);
      await load.progress(6, 60_000, 'after the restart');
      // Under load, so that the restarted node sees the current view's blocks and joins it.
      if (network.ordererType === 'bft') await eventually(everyOrdererInOneView, 120_000, `orderer${index} to join the current view`);
    } finally {
      outcomes = await load.stop();
      await startOrderer(index);
    }
    await expectEachCaseOnce(outcomes, createIn(haidian), foshan);

    // Raft peers reconnect to it with gRPC backoff, which grows while it is down (README, troubleshooting).
    const height = (orderer: (typeof network.orderers)[number]) => gauge(orderer.operations, 'ledger_blockchain_height');
    const restarted = network.orderers.find((orderer) => orderer.index === index) as (typeof network.orderers)[number];
    await eventually(
      async () => (await height(restarted)) === Math.max(...(await Promise.all(network.orderers.map(height))).map((value) => value ?? 0)),
      90_000,
      `orderer${index} to catch up with the others`,
    );
  }

  it(`keeps every acknowledged case exactly once when the ${network.ordererType} leader stops and restarts under load, and a new leader takes over`, async () => {
    const leader = await settledLeader();
    await stopOrdererUnderLoad(leader, 'LEADER');
    const next = await settledLeader();
    // SmartBFT keeps its new leader (leader rotation is off); Raft may elect the old one again.
    if (network.ordererType === 'bft') expect(next).not.toBe(leader);
  });

  it(`keeps every acknowledged case exactly once when a ${network.ordererType} follower stops and restarts under load`, async () => {
    const leader = await settledLeader();
    const follower = network.orderers.find((orderer) => orderer.index !== leader) as (typeof network.orderers)[number];
    await stopOrdererUnderLoad(follower.index, 'FOLLOWER');
    // A follower's absence is no reason for SmartBFT to change views (Raft, with pre-vote, keeps its leader too, but may not).
    if (network.ordererType === 'bft') expect(await settledLeader()).toBe(leader);
  });

  it('upgrades the chaincode under a steady load without a failed request, the old servers serving until the new definition does', async () => {
    const servers = network.cities.map((city) => `chaincode.${city.key}`);
    const before = servers.map((name) => startedPid(network.runtimeDir, name));
    const load = new SteadyLoad(`HD-${run}-UPGRADE`, createIn(haidian));
    let outcomes: Map<string, Outcome>;
    try {
      await load.progress(4, 30_000, 'before the upgrade');
      await deployChaincode({ CHAINCODE_RELEASE: `fault-test-${run}` });
      await load.progress(4, 30_000, 'after the upgrade');
    } finally {
      outcomes = await load.stop();
    }
    const failed = [...outcomes].filter(([, outcome]) => outcome.status !== 201);
    expect(failed).toEqual([]);
    await expectEachCaseOnce(outcomes, createIn(haidian), foshan);
    // Each city's new server took over in the other slot; the old one has stopped.
    const after = servers.map((name) => startedPid(network.runtimeDir, name));
    after.forEach((pid, index) => {
      expect(pid).not.toBe(before[index]);
    });
    expect(servers.filter((_, index) => isRunning(before[index]))).toEqual([]);
  });

  it('drains a gateway stopped under load: each request it took finishes or is answered 503 with Retry-After, never 500', async () => {
    const load = new SteadyLoad(`HD-${run}-DRAIN`, createIn(haidian));
    let outcomes: Map<string, Outcome>;
    try {
      await load.progress(4, 30_000, 'before the stop');
      await stop('gateway.haidian');
      await startGateway('haidian');
      await load.progress(4, 30_000, 'after the restart');
    } finally {
      outcomes = await load.stop();
      await startGateway('haidian');
    }
    // Answered: 201, or 503 with Retry-After (checked by expectEachCaseOnce); or not answered at all while it was down.
    expect([...outcomes.values()].filter((outcome) => outcome.status >= 500 && outcome.code !== 'DRAINING' && !outcome.retryAfter)).toEqual([]);
    await expectEachCaseOnce(outcomes, createIn(haidian), foshan);
  });

  it('loses no event when a gateway is killed and restarted under load', async () => {
    const receiver = new WebhookReceiver();
    const url = await receiver.start();
    const subscription = await haidian.post('auditor', '/webhooks', { url, names: ['case.receive'] });
    try {
      expect(subscription.status).toBe(201);
      // Load through the killed gateway and, meanwhile, through another city's.
      const inHaidian = new SteadyLoad(`HD-${run}-GW`, createIn(haidian), 2);
      const inTianjin = new SteadyLoad(`TJ-${run}-GW`, createIn(tianjin), 2);
      try {
        await Promise.all([inHaidian, inTianjin].map((load) => load.progress(4, 30_000, 'before the crash')));
        await crash('gateway.haidian');
        await inTianjin.progress(4, 30_000, 'in Tianjin while Haidian is down');
        await startGateway('haidian');
        await inHaidian.progress(4, 30_000, 'in Haidian after its restart');
      } finally {
        await Promise.all([inHaidian.stop(), inTianjin.stop()]);
        await startGateway('haidian');
      }
      // The crash happened under load: some of Haidian's requests got no answer at all.
      expect([...inHaidian.outcomes.values()].some((outcome) => outcome.status === 0)).toBe(true);
      await expectEachCaseOnce(inHaidian.outcomes, createIn(haidian), foshan);
      await expectEachCaseOnce(inTianjin.outcomes, createIn(tianjin), foshan);
      const ids = [...inHaidian.outcomes.keys(), ...inTianjin.outcomes.keys()];

      // Every case's event reaches the webhook, stored once in Haidian's event log (one seq per case).
      const seqsOf = (id: string) =>
        new Set(receiver.deliveries.filter((delivery) => delivery.event.payload.caseId === id).map((delivery) => delivery.event.seq));
      await eventually(() => ids.every((id) => seqsOf(id).size > 0), 60_000, 'an event for every case');
      for (const id of ids) expect({ id, seqs: seqsOf(id).size }).toEqual({ id, seqs: 1 });
    } finally {
      await haidian.call('auditor', 'DELETE', `/webhooks/${subscription.body.id as string}`);
      await receiver.stop();
    }
  });

  it('keeps every record and goes on when the whole network is stopped and started again', async () => {
    const id = `HD-${run}-RESTART`;
    await forwardedCase(id);
    await restartNetwork();
    expect((await haidian.get('auditor', `/cases/${id}`)).body).toMatchObject({ status: 'FORWARDED', timeline: [{}, {}] });
    // The restarted orderers agree on a leader and order again.
    expect((await foshan.post('reviewer', `/cases/${id}/acceptance`)).body.status).toBe('ACCEPTED');
  });
});
