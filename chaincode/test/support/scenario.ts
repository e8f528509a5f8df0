/**
 * A ready-made world for the contracts' tests: Foshan publishes a service
 * item, Haidian, Foshan and Tianjin sign an agreement covering it, and helpers
 * drive a case received in Haidian through the lifecycle.
 */
import { Context } from 'fabric-contract-api';
import { AgreementContract } from '../../src/agreements/agreement-contract';
import { CaseContract } from '../../src/cases/case-contract';
import { CaseRecord } from '../../src/cases/case-record';
import { CaseAction, CaseStatus, TRANSITIONS } from '../../src/domain';
import { CatalogueContract } from '../../src/catalogue/catalogue-contract';
import { ResultContract } from '../../src/results/result-contract';
import { MemoryLedger, TestCaller } from './memory-context';

export const HAIDIAN = 'HaidianMSP';
export const FOSHAN = 'FoshanMSP';
export const TIANJIN = 'TianjinMSP';
export const CITIES = [HAIDIAN, FOSHAN, TIANJIN];
export { ROLES } from '../../src/domain';
export const as = (mspId: string, role: string): TestCaller => ({ mspId, role, name: `${role}-${mspId}` });

export const contracts = {
  catalogue: new CatalogueContract(),
  agreements: new AgreementContract(),
  cases: new CaseContract(),
  results: new ResultContract(),
};

export const ITEM = {
  code: 'FS-FOOD-001',
  name: 'Food business licence',
  materials: [
    { name: 'Application form', mandatory: true },
    { name: 'Floor plan', mandatory: true },
    { name: 'Health certificates', mandatory: false },
  ],
  promisedDays: 10,
  resultType: 'licence',
};
export const AGREEMENT_ID = 'AGR-2026-001';

export const APPLICANT = {
  name: '张三',
  idNumber: '110101199003071234',
  phone: '13800000000',
  address: '北京市海淀区中关村大街1号',
  salt: '5f3b9c0e7a1d4e2b8c6f',
};

const sha = (seed: string) => seed.repeat(64).slice(0, 64);
export const material = (name: string, seed = 'a') => ({
  name,
  sha256: sha(seed),
  size: 2048,
  mediaType: 'application/pdf',
  location: `https://materials.haidian.example/${encodeURIComponent(name)}`,
});
export const COMPLETE_MATERIALS = [material('Application form', 'a'), material('Floor plan', 'b')];

export function caseInput(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    serviceItem: { ownerMsp: FOSHAN, code: ITEM.code },
    agreementId: AGREEMENT_ID,
    materials: COMPLETE_MATERIALS,
    ...overrides,
  };
}

/** Publishes the item and makes the three-city agreement ACTIVE. */
export async function seedAgreement(ledger: MemoryLedger): Promise<void> {
  await ledger.run(as(FOSHAN, 'admin'), (ctx) => contracts.catalogue.PublishServiceItem(ctx, JSON.stringify(ITEM)));
  const agreement = {
    id: AGREEMENT_ID,
    title: 'Beijing–Guangdong–Tianjin handle-anywhere agreement',
    parties: [HAIDIAN, FOSHAN, TIANJIN],
    serviceItems: [{ ownerMsp: FOSHAN, code: ITEM.code }],
    validFrom: '2026-01-01',
    validUntil: '2027-12-31',
  };
  await ledger.run(as(HAIDIAN, 'admin'), (ctx) => contracts.agreements.ProposeAgreement(ctx, JSON.stringify(agreement)));
  await ledger.run(as(FOSHAN, 'admin'), (ctx) => contracts.agreements.SignAgreement(ctx, AGREEMENT_ID));
  await ledger.run(as(TIANJIN, 'admin'), (ctx) => contracts.agreements.SignAgreement(ctx, AGREEMENT_ID));
}

export async function receiveCase(ledger: MemoryLedger, id: string): Promise<CaseRecord> {
  return ledger.run(as(HAIDIAN, 'clerk'), (ctx) => contracts.cases.Receive(ctx, JSON.stringify(caseInput(id))), {
    transient: { applicant: APPLICANT },
  });
}

/** Calls the contract transaction of a lifecycle action with valid arguments. */
export const perform: Record<CaseAction, (ctx: Context, caseId: string) => Promise<CaseRecord>> = {
  verify: (ctx, id) => contracts.cases.Verify(ctx, id),
  withdraw: (ctx, id) => contracts.cases.Withdraw(ctx, id, 'Applicant withdrew in person'),
  accept: (ctx, id) => contracts.cases.Accept(ctx, id),
  requestSupplement: (ctx, id) => contracts.cases.RequestSupplement(ctx, id, 'Floor plan is illegible'),
  refuse: (ctx, id) => contracts.cases.Refuse(ctx, id, 'Premises outside Foshan'),
  supplement: (ctx, id) =>
    contracts.cases.Supplement(ctx, id, JSON.stringify({ materials: [...COMPLETE_MATERIALS, material('Floor plan v2', 'c')] })),
  approve: (ctx, id) => contracts.cases.Approve(ctx, id),
  reject: (ctx, id) => contracts.cases.Reject(ctx, id, 'Kitchen fails hygiene rules'),
  issueResult: (ctx, id) =>
    contracts.cases.IssueResult(ctx, id, JSON.stringify({ certificateNumber: `JY-${id}`, documentSha256: sha('d'), expiresOn: '2031-01-04' })),
  deliver: (ctx, id) => contracts.cases.Deliver(ctx, id),
};

/** The city and role the lifecycle table names for `action`. */
export function actorOf(action: CaseAction): TestCaller {
  const transition = TRANSITIONS.find((candidate) => candidate.action === action);
  if (!transition) throw new Error(`no transition for ${action}`);
  return as(transition.party === 'receiving' ? HAIDIAN : FOSHAN, transition.role);
}

/** A shortest list of actions from RECEIVED to `status`, found in the lifecycle table. */
export function pathTo(status: CaseStatus): CaseAction[] {
  const queue: [CaseStatus, CaseAction[]][] = [['RECEIVED', []]];
  const seen = new Set<CaseStatus>(['RECEIVED']);
  for (let next = queue.shift(); next; next = queue.shift()) {
    const [current, path] = next;
    if (current === status) return path;
    for (const transition of TRANSITIONS.filter((candidate) => candidate.from === current && !seen.has(candidate.to))) {
      seen.add(transition.to);
      queue.push([transition.to, [...path, transition.action]]);
    }
  }
  throw new Error(`${status} is not reachable`);
}

/** Receives case `id` and drives it to `status` by the proper actors. */
export async function driveTo(ledger: MemoryLedger, id: string, status: CaseStatus): Promise<CaseRecord> {
  let record = await receiveCase(ledger, id);
  for (const action of pathTo(status)) {
    record = await ledger.run(actorOf(action), (ctx) => perform[action](ctx, id));
  }
  return record;
}
