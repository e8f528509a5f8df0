import { setUpAgreement, threeCities } from '../integration/http';
import { loadNetwork } from '../integration/network';
import { eventually } from '../integration/receivers';
import { chaincodeServerPid, gauge, raftLeader, startOrderer, startPeer, stop } from './processes';

/**
 * What survives faults: a killed chaincode server, a stopped peer of the
 * handling city, and the Raft leader stopped under load. Each test restores
 * the network before it ends.
 */
const network = loadNetwork();
const cities = threeCities(network);
const { haidian, foshan, FOSHAN } = cities;
const run = `F${Date.now().toString(36).toUpperCase()}`;
const ITEM = `FS-FAULT-${run}`;
const AGREEMENT = `AGR-FAULT-${run}`;
const material = { name: 'Application form', sha256: '7a'.repeat(32), size: 100, mediaType: 'application/pdf', location: 'store://haidian/7a' };
const applicant = { name: '孙七', idNumber: '120101199101011234', phone: '13500000000', address: '天津市和平区1号' };
const newCase = (id: string) => ({ id, agreementId: AGREEMENT, serviceItem: { ownerMsp: FOSHAN, code: ITEM }, materials: [material], applicant });
/** A fault must be answered as one, quickly: a 5xx with a stable code, never a hang or a bare 500. */
const FABRIC_FAILURE = /^(FABRIC_|COMMIT_|NOT_READY)/;

async function forwardedCase(id: string): Promise<void> {
  expect((await haidian.post('clerk', '/cases', newCase(id))).status).toBe(201);
  expect((await haidian.post('clerk', `/cases/${id}/verification`)).body.status).toBe('FORWARDED');
}

beforeAll(() => setUpAgreement(cities, ITEM, AGREEMENT));

/**
 * Cleanup, not a check: with the pinned Fabric commit a leader stopped under
 * load sometimes stays behind after its restart (README, troubleshooting).
 * Leave the network usable for what runs next: restart it once more if needed.
 */
async function catchUpOrRestart(index: number): Promise<void> {
  const restarted = network.orderers.find((orderer) => orderer.index === index) as (typeof network.orderers)[number];
  const behind = async () => {
    const heights = await Promise.all(network.orderers.map((orderer) => gauge(orderer.operations, 'ledger_blockchain_height')));
    return (await gauge(restarted.operations, 'ledger_blockchain_height')) !== Math.max(...heights.map((height) => height ?? 0));
  };
  for (let waited = 0; waited < 15 && (await behind()); waited += 1) {
    await foshan.put('admin', `/catalogue/${FOSHAN}/items/${ITEM}`, { name: 'Licence', materials: [{ name: 'Application form', mandatory: true }], promisedDays: 15, resultType: 'licence' });
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  if (await behind()) {
    console.warn(`${restarted.name} stayed behind after its restart; restarting it once more`);
    await stop(restarted.name);
    await startOrderer(restarted.index);
  }
}

describe('faults', () => {
  it('answers clearly while the chaincode server is down, writes nothing partial, and recovers when it is restarted', async () => {
    const id = `HD-${run}-CC`;
    await forwardedCase(id);
    const before = await chaincodeServerPid('foshan');
    process.kill(before, 'SIGKILL');
    const refused = await foshan.post('reviewer', `/cases/${id}/acceptance`);
    expect(refused.status).toBeGreaterThanOrEqual(500);
    expect(refused.body.code).toMatch(FABRIC_FAILURE);
    expect((await haidian.get('auditor', `/cases/${id}`)).body).toMatchObject({ status: 'FORWARDED', timeline: [{}, {}] });

    // The supervisor restarts the server; the same request then succeeds, once.
    let accepted: { status: number; body: Record<string, unknown> } = refused;
    const deadline = Date.now() + 60_000;
    while (accepted.status !== 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      accepted = await foshan.post('reviewer', `/cases/${id}/acceptance`);
    }
    expect(accepted.status).toBe(200);
    expect(await chaincodeServerPid('foshan')).not.toBe(before);
    const timeline = (await haidian.get('auditor', `/cases/${id}`)).body.timeline as { action: string }[];
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
      const receipt = await haidian.post('clerk', '/cases', newCase(id), { 'Idempotency-Key': id });
      expect(receipt.status).toBeGreaterThanOrEqual(500);
      expect(receipt.body.code).toMatch(FABRIC_FAILURE);
      expect((await haidian.get('auditor', `/cases/${id}`)).status).toBe(404);
    } finally {
      await startPeer('foshan');
    }
    const haidianHeight = await gauge(haidian.city.peers[0].operations, 'ledger_blockchain_height');
    const deadline = Date.now() + 60_000;
    let foshanHeight = await gauge(foshan.city.peers[0].operations, 'ledger_blockchain_height');
    while ((foshanHeight ?? 0) < (haidianHeight ?? Infinity) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      foshanHeight = await gauge(foshan.city.peers[0].operations, 'ledger_blockchain_height');
    }
    expect(foshanHeight).toBeGreaterThanOrEqual(haidianHeight as number);
    let retried = await haidian.post('clerk', '/cases', newCase(id), { 'Idempotency-Key': id });
    while (retried.status >= 500 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      retried = await haidian.post('clerk', '/cases', newCase(id), { 'Idempotency-Key': id });
    }
    expect(retried.status).toBe(201);
    // Foshan's gateway reconnects to its peer with gRPC backoff: it becomes ready again by itself.
    let ready = await foshan.get(undefined, '/health/ready');
    while (ready.status !== 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      ready = await foshan.get(undefined, '/health/ready');
    }
    expect(ready.status).toBe(200);
    expect((await foshan.get('reviewer', `/cases/${id}`)).body.status).toBe('RECEIVED');
  });

  it('keeps every acknowledged case exactly once when the Raft leader stops under load, and retries succeed', async () => {
    const leader = await raftLeader();
    expect(leader).toBeDefined();
    const ids = Array.from({ length: 24 }, (_, index) => `HD-${run}-RAFT-${index}`);
    const outcomes = new Map<string, { status: number; code?: string; retryAfter: string | null }>();
    let next = 0;
    const worker = async () => {
      while (next < ids.length) {
        const id = ids[next++];
        const answer = await haidian.post('clerk', '/cases', newCase(id), { 'Idempotency-Key': id });
        outcomes.set(id, { status: answer.status, code: answer.body.code, retryAfter: answer.headers.get('retry-after') });
      }
    };
    const load = Promise.all([worker(), worker(), worker(), worker()]);
    await eventually(() => outcomes.size >= 4, 30_000, 'the load to start');
    try {
      await stop(`orderer${leader}`);
      await load;
    } finally {
      await startOrderer(leader as number);
    }
    for (const [id, outcome] of outcomes) {
      if (outcome.status >= 300) {
        // Every failure says it can be retried, and the retry succeeds (or finds the case it did create).
        expect({ id, status: outcome.status, retryAfter: outcome.retryAfter !== null }).toEqual({ id, status: 503, retryAfter: true });
        let retried = await haidian.post('clerk', '/cases', newCase(id), { 'Idempotency-Key': id });
        const deadline = Date.now() + 60_000;
        while (retried.status >= 500 && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 1000));
          retried = await haidian.post('clerk', '/cases', newCase(id), { 'Idempotency-Key': id });
        }
        expect([200, 201]).toContain(retried.status);
      } else {
        expect(outcome.status).toBe(201);
      }
    }
    for (const id of ids) {
      const record = await foshan.get('auditor', `/cases/${id}`);
      expect(record.status).toBe(200);
      expect((record.body.timeline as unknown[]).length).toBe(1);
    }

    await catchUpOrRestart(leader as number);
  });
});
