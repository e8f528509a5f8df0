import { MemoryLedger } from '../../test/support/memory-context';
import { AGREEMENT_ID, as, contracts, FOSHAN, HAIDIAN, ITEM, TIANJIN } from '../../test/support/scenario';

const { agreements, catalogue } = contracts;
const proposal = {
  id: AGREEMENT_ID,
  title: 'Beijing–Guangdong handle-anywhere agreement',
  parties: [HAIDIAN, FOSHAN],
  serviceItems: [{ ownerMsp: FOSHAN, code: ITEM.code }],
  validFrom: '2026-01-01',
  validUntil: '2026-12-31',
};

describe('AgreementContract', () => {
  let ledger: MemoryLedger;
  const propose = (mspId: string, input: unknown, role = 'admin') =>
    ledger.run(as(mspId, role), (ctx) => agreements.ProposeAgreement(ctx, JSON.stringify(input)));
  const sign = (mspId: string, role = 'admin') => ledger.run(as(mspId, role), (ctx) => agreements.SignAgreement(ctx, AGREEMENT_ID));

  beforeEach(async () => {
    ledger = new MemoryLedger();
    await ledger.run(as(FOSHAN, 'admin'), (ctx) => catalogue.PublishServiceItem(ctx, JSON.stringify(ITEM)));
  });

  it("becomes ACTIVE only when every party's admin has signed", async () => {
    const proposed = await propose(HAIDIAN, proposal);
    expect(proposed).toMatchObject({ status: 'PROPOSED', proposedBy: HAIDIAN, parties: [FOSHAN, HAIDIAN] });
    expect(proposed.signatures.map((signature) => signature.mspId)).toEqual([HAIDIAN]);
    const signed = await sign(FOSHAN);
    expect(signed.status).toBe('ACTIVE');
    expect(signed.signatures.map((signature) => signature.mspId)).toEqual([HAIDIAN, FOSHAN]);
    expect(ledger.events.map((event) => event.name)).toContain('agreement.sign');
    const policy = Buffer.from(ledger.validationParameters.get('\u0000agreement\u0000AGR-2026-001\u0000') as Uint8Array).toString('latin1');
    expect(policy).toContain(HAIDIAN);
    expect(policy).toContain(FOSHAN);
  });

  it('refuses signatures by non-parties, non-admins and twice by the same city', async () => {
    await propose(HAIDIAN, proposal);
    await expect(sign(TIANJIN)).rejects.toThrow('[FORBIDDEN] TianjinMSP is not a party to agreement AGR-2026-001 and may not sign it');
    await expect(sign(FOSHAN, 'reviewer')).rejects.toThrow('[FORBIDDEN] role reviewer of FoshanMSP may not sign an agreement');
    await expect(sign(HAIDIAN)).rejects.toThrow('[CONFLICT] agreement AGR-2026-001 is already signed by HaidianMSP');
    await sign(FOSHAN);
    await expect(sign(FOSHAN)).rejects.toThrow('[INVALID_TRANSITION] agreement AGR-2026-001 is ACTIVE; sign needs PROPOSED');
  });

  it('lets any party terminate, once', async () => {
    await propose(HAIDIAN, proposal);
    await sign(FOSHAN);
    const terminated = await ledger.run(as(FOSHAN, 'admin'), (ctx) => agreements.TerminateAgreement(ctx, AGREEMENT_ID, 'Replaced by AGR-2027'));
    expect(terminated).toMatchObject({ status: 'TERMINATED', terminatedBy: FOSHAN, terminationReason: 'Replaced by AGR-2027' });
    await expect(ledger.run(as(HAIDIAN, 'admin'), (ctx) => agreements.TerminateAgreement(ctx, AGREEMENT_ID, 'again'))).rejects.toThrow(
      '[INVALID_TRANSITION] agreement AGR-2026-001 is TERMINATED',
    );
  });

  it('lists the agreements of each party', async () => {
    await propose(HAIDIAN, proposal);
    const list = (mspId: string) => ledger.run(as(mspId, 'auditor'), (ctx) => agreements.ListAgreements(ctx, mspId));
    expect((await list(FOSHAN)).map((agreement) => agreement.id)).toEqual([AGREEMENT_ID]);
    expect(await list(TIANJIN)).toEqual([]);
  });

  it.each([
    [{ ...proposal, parties: [HAIDIAN] }, 'INVALID_ARGUMENT', 'parties must be a list of 2 to 20 items'],
    [{ ...proposal, parties: [HAIDIAN, HAIDIAN] }, 'INVALID_ARGUMENT', 'parties must have distinct cities'],
    [{ ...proposal, parties: [HAIDIAN, TIANJIN] }, 'INVALID_ARGUMENT', 'serviceItems[0].ownerMsp FoshanMSP is not one of the parties'],
    [{ ...proposal, validUntil: '2025-12-31' }, 'INVALID_ARGUMENT', 'validUntil must not be before validFrom'],
    [{ ...proposal, validFrom: '2026-02-30' }, 'INVALID_ARGUMENT', 'validFrom must be a date written YYYY-MM-DD'],
    [{ ...proposal, serviceItems: [{ ownerMsp: FOSHAN, code: 'NOPE' }] }, 'NOT_FOUND', 'service item NOPE of FoshanMSP does not exist'],
  ])('refuses a bad proposal without writing it (%#)', async (input, code, message) => {
    await expect(propose(HAIDIAN, input)).rejects.toThrow(`[${code}] ${message}`);
    expect([...ledger.state.keys()].some((key) => key.includes('agreement'))).toBe(false);
  });

  it('refuses a proposal from a city outside it, or a duplicate id', async () => {
    await expect(propose(TIANJIN, proposal)).rejects.toThrow(
      '[FORBIDDEN] TianjinMSP may not propose agreement AGR-2026-001 without being one of its parties',
    );
    await propose(HAIDIAN, proposal);
    await expect(propose(FOSHAN, proposal)).rejects.toThrow('[CONFLICT] agreement AGR-2026-001 already exists');
  });
});
