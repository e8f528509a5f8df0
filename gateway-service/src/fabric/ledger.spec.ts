import { FakeLedger } from '../../test/support/test-app';
import type { StaffSession } from '../staff/staff-sessions';
import { SignatureNeeded } from './staff-signer';

describe('Ledger.submit', () => {
  const options = { arguments: ['HD-1'] };

  it("leaves a staff member's write for them to sign: SignatureNeeded, nothing submitted, no 202 announced", async () => {
    const ledger = new FakeLedger();
    const staffSession = { certificate: '-----BEGIN CERTIFICATE-----' } as StaffSession;
    const onSubmitting = jest.fn();
    const refusal = await ledger.submit({ role: 'clerk', staffSession, onSubmitting }, 'Cases:Verify', options).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(SignatureNeeded);
    expect(refusal).toMatchObject({ signer: { certificate: staffSession.certificate }, transaction: 'Cases:Verify', options });
    expect(ledger.calls).toHaveLength(0);
    expect(onSubmitting).not.toHaveBeenCalled();
  });

  it("tells the writer as its write is sent, then submits it as the writer's role", async () => {
    const ledger = new FakeLedger();
    ledger.answer('Cases:Verify', () => ({ id: 'HD-1' }));
    const callsWhenTold: number[] = [];
    await ledger.submit(
      { role: 'clerk', staffSession: undefined, onSubmitting: () => callsWhenTold.push(ledger.calls.length) },
      'Cases:Verify',
      options,
    );
    expect(callsWhenTold).toEqual([0]);
    expect(ledger.calls).toEqual([expect.objectContaining({ kind: 'submit', role: 'clerk', transaction: 'Cases:Verify', args: ['HD-1'] })]);
  });
});
