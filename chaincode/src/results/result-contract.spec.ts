import { MemoryLedger } from '../../test/support/memory-context';
import { readResultEventPayload } from '../domain';
import { AGREEMENT_ID, as, contracts, driveTo, FOSHAN, HAIDIAN, seedAgreement, TIANJIN } from '../../test/support/scenario';

const { results } = contracts;
const CERTIFICATE = 'JY-HD-R1';
const DOCUMENT = 'd'.repeat(64);

describe('ResultContract', () => {
  let seeded: MemoryLedger;
  let ledger: MemoryLedger;
  const verify = (hash = DOCUMENT, number = CERTIFICATE) => ledger.run(as(TIANJIN, 'clerk'), (ctx) => results.VerifyResult(ctx, number, hash));
  const recognise = (mspId = TIANJIN, role = 'reviewer') =>
    ledger.run(as(mspId, role), (ctx) => results.RecogniseResult(ctx, CERTIFICATE, AGREEMENT_ID, 'Opening a branch in Tianjin'));
  const revoke = (mspId = FOSHAN, role = 'reviewer') =>
    ledger.run(as(mspId, role), (ctx) => results.RevokeResult(ctx, CERTIFICATE, 'Issued on forged documents'));

  beforeAll(async () => {
    seeded = new MemoryLedger();
    await seedAgreement(seeded);
    await driveTo(seeded, 'HD-R1', 'RESULT_ISSUED');
  });

  beforeEach(() => {
    ledger = seeded.clone();
  });

  it('records the result for the issuing and receiving city, with the holder reference only', async () => {
    const result = await ledger.run(as(TIANJIN, 'auditor'), (ctx) => results.GetResult(ctx, CERTIFICATE));
    const record = await ledger.run(as(TIANJIN, 'auditor'), (ctx) => contracts.cases.GetCase(ctx, 'HD-R1'));
    expect(result).toMatchObject({
      caseId: 'HD-R1',
      issuingMsp: FOSHAN,
      receivingMsp: HAIDIAN,
      status: 'VALID',
      holderRef: record.applicantRef,
      expiresOn: '2031-01-04',
    });
  });

  it('verifies a document as VALID, HASH_MISMATCH, UNKNOWN, EXPIRED or REVOKED', async () => {
    expect(await verify()).toMatchObject({ verdict: 'VALID', result: { certificateNumber: CERTIFICATE } });
    expect((await verify('e'.repeat(64))).verdict).toBe('HASH_MISMATCH');
    expect(await verify(DOCUMENT, 'JY-NONE')).toEqual({ certificateNumber: 'JY-NONE', verdict: 'UNKNOWN', result: undefined });
    ledger.clock = Date.parse('2031-01-05T00:00:00Z');
    expect((await verify()).verdict).toBe('EXPIRED');
    ledger.clock = Date.parse('2026-06-01T00:00:00Z');
    await revoke();
    expect((await verify()).verdict).toBe('REVOKED');
  });

  it('lets a partner city recognise a valid result once, and flags recognitions after revocation', async () => {
    const recognition = await recognise();
    expect(recognition).toMatchObject({ recognisingMsp: TIANJIN, purpose: 'Opening a branch in Tianjin', resultRevoked: false });
    await expect(recognise()).rejects.toThrow('[CONFLICT] TianjinMSP already recognised result JY-HD-R1');
    await revoke();
    const listed = await ledger.run(as(HAIDIAN, 'auditor'), (ctx) => results.ListRecognitions(ctx, CERTIFICATE));
    expect(listed).toEqual([expect.objectContaining({ recognisingMsp: TIANJIN, resultRevoked: true })]);
    await expect(recognise(HAIDIAN)).rejects.toThrow('[PRECONDITION_FAILED] result JY-HD-R1 is REVOKED; only a valid result can be recognised');
    const [recognised, revoked] = ledger.events.slice(-2);
    expect([recognised.name, revoked.name]).toEqual(['result.recognise', 'result.revoke']);
    // The case's pair and service item, so a city's statistics can count recognitions per pair and item.
    expect(recognised.payload).toEqual({
      certificateNumber: CERTIFICATE,
      caseId: 'HD-R1',
      status: 'VALID',
      issuingMsp: FOSHAN,
      receivingMsp: HAIDIAN,
      recognisingMsp: TIANJIN,
      serviceItem: { ownerMsp: FOSHAN, code: 'FS-FOOD-001' },
      at: '2026-01-05T09:00:00.000Z',
    });
    expect(readResultEventPayload(recognised.payload)).toEqual(recognised.payload);
    expect(revoked.payload).toMatchObject({ status: 'REVOKED', serviceItem: { ownerMsp: FOSHAN, code: 'FS-FOOD-001' } });
    expect(revoked.payload).not.toHaveProperty('recognisingMsp');
  });

  it('refuses recognition by the issuer, by an auditor, or outside an active agreement', async () => {
    await expect(recognise(FOSHAN)).rejects.toThrow('[FORBIDDEN] FoshanMSP issued result JY-HD-R1; recognition is for partner cities');
    await expect(recognise(TIANJIN, 'auditor')).rejects.toThrow('[FORBIDDEN] role auditor of TianjinMSP may not recognise a result');
    await ledger.run(as(HAIDIAN, 'admin'), (ctx) => contracts.agreements.TerminateAgreement(ctx, AGREEMENT_ID, 'Ended'));
    await expect(recognise()).rejects.toThrow(
      '[PRECONDITION_FAILED] agreement AGR-2026-001 (TERMINATED) does not bind TianjinMSP and FoshanMSP today',
    );
  });

  it('lets only a reviewer of the issuing city revoke, once', async () => {
    await expect(revoke(HAIDIAN)).rejects.toThrow('[FORBIDDEN] result JY-HD-R1 was issued by FoshanMSP; HaidianMSP may not revoke it');
    await expect(revoke(FOSHAN, 'clerk')).rejects.toThrow('[FORBIDDEN] role clerk of FoshanMSP may not revoke a result');
    await revoke();
    await expect(revoke()).rejects.toThrow('[INVALID_TRANSITION] result JY-HD-R1 is REVOKED; revoke needs VALID');
  });

  it('refuses a second result with a certificate number already issued', async () => {
    await driveTo(ledger, 'HD-R2', 'APPROVED');
    await expect(
      ledger.run(as(FOSHAN, 'reviewer'), (ctx) =>
        contracts.cases.IssueResult(ctx, 'HD-R2', JSON.stringify({ certificateNumber: CERTIFICATE, documentSha256: DOCUMENT })),
      ),
    ).rejects.toThrow('[CONFLICT] certificate number JY-HD-R1 is already issued');
  });
});
