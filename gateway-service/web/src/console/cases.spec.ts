import { actionsFor, actorOf, CaseRecord, isOverdue } from './cases';

/** The console's reading of a case (cases.ts): which buttons a member sees, what is overdue, who acted. */
describe('the console’s case rules', () => {
  const record = (fields: Partial<CaseRecord>): CaseRecord => ({
    id: 'HD-1',
    serviceItem: { ownerMsp: 'FoshanMSP', code: 'FS-1', version: 1 },
    agreementId: 'AGR-1',
    receivingMsp: 'HaidianMSP',
    handlingMsp: 'FoshanMSP',
    manifest: { version: 1, materials: [] },
    status: 'RECEIVED',
    receivedAt: '2026-12-01T00:00:00.000Z',
    timeline: [],
    updatedAt: '2026-12-01T00:00:00.000Z',
    ...fields,
  });

  it('offers each city, in each role, only the lifecycle’s actions of its own side', () => {
    expect(actionsFor(record({}), 'HaidianMSP', 'clerk')).toEqual(['verify', 'withdraw']);
    expect(actionsFor(record({}), 'FoshanMSP', 'clerk')).toEqual([]);
    expect(actionsFor(record({}), 'HaidianMSP', 'reviewer')).toEqual([]);
    expect(actionsFor(record({ status: 'FORWARDED' }), 'FoshanMSP', 'reviewer')).toEqual(['accept', 'requestSupplement', 'refuse']);
    expect(actionsFor(record({ status: 'FORWARDED' }), 'TianjinMSP', 'reviewer')).toEqual([]);
    expect(actionsFor(record({ status: 'RESULT_ISSUED' }), 'HaidianMSP', 'clerk')).toEqual(['deliver']);
    expect(actionsFor(record({ status: 'DELIVERED' }), 'HaidianMSP', 'clerk')).toEqual([]);
  });

  it('marks an accepted case overdue once its due time has passed, and no other', () => {
    const due = '2026-12-10T00:00:00.000Z';
    const after = Date.parse(due) + 1;
    expect(isOverdue(record({ status: 'ACCEPTED', dueAt: due }), after)).toBe(true);
    expect(isOverdue(record({ status: 'ACCEPTED', dueAt: due }), Date.parse(due) - 1)).toBe(false);
    expect(isOverdue(record({ status: 'APPROVED', dueAt: due }), after)).toBe(false);
  });

  it('names the person of a timeline entry by the CN of their certificate', () => {
    expect(actorOf('x509::CN=staff-ab0b291941,OU=client,OU=haidian::CN=ca.haidian,O=HaidianMSP')).toBe('staff-ab0b291941');
    expect(actorOf('CN=clerk::CN=ca')).toBe('clerk');
  });
});
