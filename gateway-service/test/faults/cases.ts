/** The cases the fault and partition suites create, and what must hold of them afterwards. */
import { setTimeout as sleep } from 'node:timers/promises';
import { CityClient, HttpAnswer } from '../integration/http';
import { loadNetwork, Role } from '../integration/network';
import { eventually } from '../integration/receivers';
import { gauge } from './processes';
import { Outcome, retryUntilAnswered } from './steady-load';

const network = loadNetwork();
const heightOf = (peer: { operations: string }) => gauge(peer.operations, 'ledger_blockchain_height');

const material = { name: 'Application form', sha256: '7a'.repeat(32), size: 100, mediaType: 'application/pdf', location: 'store://haidian/7a' };
const applicant = { name: '孙七', idNumber: '120101199101011234', phone: '13500000000', address: '天津市和平区1号' };

/** The body of a new case for service item `item` of `ownerMsp` under `agreement`. */
export const caseBody = (item: string, agreement: string, ownerMsp: string) => (id: string) => ({
  id,
  agreementId: agreement,
  serviceItem: { ownerMsp, code: item },
  materials: [material],
  applicant,
});

/** Opens a case through a city's gateway as its clerk, with the case id as the Idempotency-Key (a retry is the same request). */
export const newCaseIn = (item: string, agreement: string, ownerMsp: string) => {
  const body = caseBody(item, agreement, ownerMsp);
  return (client: CityClient) => (id: string) => client.post('clerk', '/cases', body(id), { 'Idempotency-Key': id });
};

/**
 * Every case the load tried exists exactly once: a 2xx answer was final, and
 * every other answer (or none) is retried through `create` with the same
 * Idempotency-Key until it succeeds. Failures that were answered must have said
 * they are retryable. `reader` reads each case back once its peers have caught
 * up with the network (caughtUp).
 */
export async function expectEachCaseOnce(
  outcomes: Map<string, Outcome>,
  create: (id: string) => Promise<HttpAnswer>,
  reader: CityClient,
): Promise<void> {
  for (const [id, outcome] of outcomes) {
    if (outcome.status >= 200 && outcome.status < 300) {
      expect({ id, status: outcome.status }).toEqual({ id, status: 201 });
      continue;
    }
    if (outcome.status !== 0) expect({ id, status: outcome.status, retryAfter: outcome.retryAfter }).toEqual({ id, status: 503, retryAfter: true });
    const retried = await retryUntilAnswered(() => create(id));
    expect({ id, created: retried !== undefined && retried.status < 300 }).toEqual({ id, created: true });
  }
  await caughtUp(reader);
  for (const id of outcomes.keys()) {
    const record = await readCommitted(reader, 'auditor', `/cases/${id}`);
    expect({ id, status: record.status, entries: (record.body.timeline as unknown[] | undefined)?.length }).toEqual({ id, status: 200, entries: 1 });
  }
}

/**
 * Waits until every peer of `reader`'s city has every block that a peer of the
 * network has. A gateway acknowledges a write once its own city's peer has
 * committed it; another city's peer receives that block from the ordering
 * service by itself, a moment later, or seconds later when its block delivery
 * is reconnecting (an orderer stopped, restarted or cut off; the peer tries the
 * orderers at random, with a growing pause). So a read in another city waits for
 * its peers' height, not for a fixed time.
 */
export async function caughtUp(reader: CityClient, timeoutMs = 60_000): Promise<void> {
  const heights = await Promise.all(network.cities.flatMap((city) => city.peers).map(heightOf));
  const target = Math.max(...heights.map((height) => height ?? 0));
  const reached = async () => (await Promise.all(reader.city.peers.map(heightOf))).every((height) => (height ?? 0) >= target);
  await eventually(reached, timeoutMs, `${reader.city.key}'s peers to reach the network's block height ${target}`);
}

/** Reads `path` through `reader`'s gateway as `role` once its peers have caught up with the network (caughtUp). */
export async function readBack(reader: CityClient, role: Role, path: string): Promise<HttpAnswer> {
  await caughtUp(reader);
  return readCommitted(reader, role, path);
}

/**
 * Reads `path` from a peer that has stored the block with the record: a peer's
 * height moves when it stores a block, a few milliseconds before the block's
 * writes reach its state database, so NOT_FOUND is asked again for a second.
 */
async function readCommitted(reader: CityClient, role: Role, path: string): Promise<HttpAnswer> {
  const deadline = Date.now() + 1_000;
  for (;;) {
    const answer = await reader.get(role, path);
    if (answer.status !== 404 || Date.now() > deadline) return answer;
    await sleep(50);
  }
}
