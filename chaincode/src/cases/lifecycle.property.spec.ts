import fc from 'fast-check';
import { MemoryLedger } from '../../test/support/memory-context';
import { as, CITIES, contracts, HAIDIAN, FOSHAN, perform, receiveCase, ROLES, seedAgreement } from '../../test/support/scenario';
import { CASE_ACTIONS, CaseStatus, transitionFrom } from '../domain';

describe('the case lifecycle under any sequence of actions by any caller', () => {
  let seeded: MemoryLedger;

  beforeAll(async () => {
    seeded = new MemoryLedger();
    await seedAgreement(seeded);
    await receiveCase(seeded, 'HD-P');
  });

  const step = fc.record({
    action: fc.constantFrom(...CASE_ACTIONS),
    mspId: fc.constantFrom(...CITIES),
    role: fc.constantFrom(...ROLES),
  });

  it('moves only along the table, and the timeline records exactly the accepted steps', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 25 }), async (steps) => {
        const ledger = seeded.clone();
        let expected: CaseStatus = 'RECEIVED';
        const accepted: string[] = ['receive'];
        for (const { action, mspId, role } of steps) {
          const transition = transitionFrom(expected, action);
          const allowed = transition !== undefined && transition.role === role && mspId === (transition.party === 'receiving' ? HAIDIAN : FOSHAN);
          const outcome = await ledger
            .run(as(mspId, role), (ctx) => perform[action](ctx, 'HD-P'))
            .then(
              () => 'ok' as const,
              (error: unknown) => (error instanceof Error ? error.message : String(error)),
            );
          if (allowed) {
            expect(outcome).toBe('ok');
            expected = transition.to;
            accepted.push(action);
          } else {
            expect(outcome).toMatch(/^\[(INVALID_TRANSITION|FORBIDDEN)\] case HD-P is /);
          }
        }
        const record = await ledger.run(as(HAIDIAN, 'auditor'), (ctx) => contracts.cases.GetCase(ctx, 'HD-P'));
        expect(record.status).toBe(expected);
        expect(record.timeline.map((entry) => entry.action)).toEqual(accepted);
        for (const [index, entry] of record.timeline.entries()) {
          expect(entry.from).toBe(index === 0 ? undefined : record.timeline[index - 1].to);
        }
        expect(record.timeline[record.timeline.length - 1].to).toBe(expected);
      }),
      { numRuns: 150 },
    );
  });
});
