/** The cases the fault and partition suites create, and what must hold of them afterwards. */
import { CityClient, HttpAnswer } from '../integration/http';
import { Outcome, retryUntilAnswered } from './steady-load';

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
 * they are retryable. `reader` reads each case back.
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
  for (const id of outcomes.keys()) {
    const record = await reader.get('auditor', `/cases/${id}`);
    expect({ id, status: record.status, entries: (record.body.timeline as unknown[] | undefined)?.length }).toEqual({ id, status: 200, entries: 1 });
  }
}
