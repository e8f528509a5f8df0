import { MemoryLedger } from '../../test/support/memory-context';
import { AGREEMENT_ID, as, contracts, driveTo, FOSHAN, HAIDIAN, ITEM, seedAgreement, TIANJIN } from '../../test/support/scenario';

const { results } = contracts;
const DOCUMENT = 'd'.repeat(64);
const HOLDER = 'a'.repeat(64);

const row = (number: string, overrides: Record<string, unknown> = {}) => ({
  certificateNumber: number,
  serviceItemCode: ITEM.code,
  holderRef: HOLDER,
  documentSha256: DOCUMENT,
  issuedOn: '2021-06-01',
  expiresOn: '2031-05-31',
  status: 'VALID',
  ...overrides,
});

describe('ResultContract.ImportResults', () => {
  let seeded: MemoryLedger;
  let ledger: MemoryLedger;
  const importAs = (mspId: string, role: string, rows: unknown) =>
    ledger.run(as(mspId, role), (ctx) => results.ImportResults(ctx, typeof rows === 'string' ? rows : JSON.stringify(rows)));
  const importBatch = (rows: unknown[]) => importAs(FOSHAN, 'admin', rows);
  const get = (number: string) => ledger.run(as(TIANJIN, 'auditor'), (ctx) => results.GetResult(ctx, number));
  const verify = (number: string, hash = DOCUMENT) => ledger.run(as(TIANJIN, 'clerk'), (ctx) => results.VerifyResult(ctx, number, hash));
  const resultKey = (number: string) => `\u0000result\u0000${number}\u0000`;

  beforeAll(async () => {
    seeded = new MemoryLedger();
    await seedAgreement(seeded);
    await driveTo(seeded, 'HD-R1', 'RESULT_ISSUED');
  });

  beforeEach(() => {
    ledger = seeded.clone();
  });

  it('records each row as a result of the caller’s city, marked imported, with one event for the batch', async () => {
    const summary = await importBatch([row('JY-H1'), row('JY-H2', { expiresOn: undefined }), row('JY-H3', { status: 'REVOKED' })]);
    expect(summary).toEqual({ created: 3, unchanged: 0, rejected: [] });
    expect(await get('JY-H1')).toEqual({
      certificateNumber: 'JY-H1',
      serviceItem: { ownerMsp: FOSHAN, code: ITEM.code, version: 1 },
      holderRef: HOLDER,
      documentSha256: DOCUMENT,
      issuedAt: '2021-06-01T00:00:00.000Z',
      expiresOn: '2031-05-31',
      issuingMsp: FOSHAN,
      receivingMsp: FOSHAN,
      status: 'VALID',
      imported: true,
      importedAt: '2026-01-05T09:00:00.000Z',
      updatedTxId: expect.any(String) as unknown,
    });
    expect((await get('JY-H2')).expiresOn).toBeUndefined();
    expect((await get('JY-H3')).status).toBe('REVOKED');
    const imports = ledger.events.filter((event) => event.name === 'result.import');
    expect(imports).toEqual([{ name: 'result.import', payload: { issuingMsp: FOSHAN, created: 3, unchanged: 0, rejected: 0 } }]);
  });

  it('binds each imported result to the issuing city alone by key-level endorsement', async () => {
    await importBatch([row('JY-H1')]);
    const policy = Buffer.from(ledger.validationParameters.get(resultKey('JY-H1')) as Uint8Array).toString('latin1');
    expect(policy).toContain(FOSHAN);
    expect(policy).not.toContain(HAIDIAN);
    expect(policy).not.toContain(TIANJIN);
  });

  it('changes nothing and says so when the same rows are imported again, and emits no event', async () => {
    const rows = [row('JY-H1'), row('JY-H2')];
    await importBatch(rows);
    const before = new Map(ledger.state);
    const events = ledger.events.length;
    expect(await importBatch(rows)).toEqual({ created: 0, unchanged: 2, rejected: [] });
    expect(ledger.state).toEqual(before);
    expect(ledger.events).toHaveLength(events);
  });

  it('rejects bad rows with their index, code and reason, and records the good ones', async () => {
    await importBatch([row('JY-H1')]);
    const summary = await importBatch([
      row('JY-H2'),
      row('JY-H3', { issuedOn: '2021-02-30' }),
      row('JY-H4', { serviceItemCode: 'FS-NONE' }),
      row('JY-H1', { documentSha256: 'e'.repeat(64) }),
      row('JY-HD-R1'),
      { certificateNumber: 'JY-H5' },
      row('JY-H2'),
      row('JY-H2', { holderRef: 'b'.repeat(64) }),
      row('JY-H6'),
    ]);
    expect(summary).toEqual({
      created: 2,
      unchanged: 1,
      rejected: [
        { index: 1, code: 'INVALID_ARGUMENT', message: 'issuedOn must be a date written YYYY-MM-DD' },
        { index: 2, code: 'NOT_FOUND', message: 'service item FS-NONE of FoshanMSP does not exist' },
        { index: 3, code: 'CONFLICT', message: 'certificate number JY-H1 was imported with another documentSha256' },
        { index: 4, code: 'CONFLICT', message: 'certificate number JY-HD-R1 was issued on the ledger for case HD-R1' },
        { index: 5, code: 'INVALID_ARGUMENT', message: 'serviceItemCode is required' },
        { index: 7, code: 'CONFLICT', message: 'certificate number JY-H2 was imported with another holderRef' },
      ],
    });
    expect((await get('JY-H6')).imported).toBe(true);
    expect((await get('JY-H1')).documentSha256).toBe(DOCUMENT);
    expect((await get('JY-HD-R1')).imported).toBeUndefined();
    expect(ledger.events.at(-1)).toEqual({ name: 'result.import', payload: { issuingMsp: FOSHAN, created: 2, unchanged: 1, rejected: 6 } });
  });

  it('takes service items from the caller’s own catalogue only', async () => {
    expect(await importAs(HAIDIAN, 'admin', [row('JY-H1')])).toEqual({
      created: 0,
      unchanged: 0,
      rejected: [{ index: 0, code: 'NOT_FOUND', message: 'service item FS-FOOD-001 of HaidianMSP does not exist' }],
    });
  });

  it('refuses callers other than an admin, and a batch that is not a list of 1 to 500 rows', async () => {
    await expect(importAs(FOSHAN, 'reviewer', [row('JY-H1')])).rejects.toThrow('[FORBIDDEN] role reviewer of FoshanMSP may not import results');
    await expect(importBatch([])).rejects.toThrow('[INVALID_ARGUMENT] rows must be a list of 1 to 500 items');
    await expect(importAs(FOSHAN, 'admin', '{')).rejects.toThrow('[INVALID_ARGUMENT] rows is not valid JSON');
    await expect(importBatch(new Array(501).fill(row('JY-H1')))).rejects.toThrow('[INVALID_ARGUMENT] rows must be a list of 1 to 500 items');
  });

  it('verifies an imported result as VALID, HASH_MISMATCH, EXPIRED or REVOKED, as an issued one', async () => {
    await importBatch([row('JY-H1'), row('JY-H2', { expiresOn: '2025-12-31' }), row('JY-H3', { status: 'REVOKED' })]);
    expect(await verify('JY-H1')).toMatchObject({ certificateNumber: 'JY-H1', verdict: 'VALID', result: { imported: true } });
    expect((await verify('JY-H1', 'e'.repeat(64))).verdict).toBe('HASH_MISMATCH');
    expect((await verify('JY-H2')).verdict).toBe('EXPIRED');
    expect((await verify('JY-H3')).verdict).toBe('REVOKED');
    expect((await verify('JY-H9')).verdict).toBe('UNKNOWN');
  });

  it('lets a partner city recognise an imported result, and only the issuing city revoke it', async () => {
    await importBatch([row('JY-H1')]);
    const recognition = await ledger.run(as(TIANJIN, 'reviewer'), (ctx) => results.RecogniseResult(ctx, 'JY-H1', AGREEMENT_ID, 'Opening a branch'));
    expect(recognition).toMatchObject({ certificateNumber: 'JY-H1', recognisingMsp: TIANJIN, resultRevoked: false });
    await expect(ledger.run(as(HAIDIAN, 'reviewer'), (ctx) => results.RevokeResult(ctx, 'JY-H1', 'Forged'))).rejects.toThrow(
      '[FORBIDDEN] result JY-H1 was issued by FoshanMSP; HaidianMSP may not revoke it',
    );
    const revoked = await ledger.run(as(FOSHAN, 'reviewer'), (ctx) => results.RevokeResult(ctx, 'JY-H1', 'Forged'));
    expect(revoked).toMatchObject({ status: 'REVOKED', imported: true, revocationReason: 'Forged' });
    const listed = await ledger.run(as(HAIDIAN, 'auditor'), (ctx) => results.ListRecognitions(ctx, 'JY-H1'));
    expect(listed).toEqual([expect.objectContaining({ recognisingMsp: TIANJIN, resultRevoked: true })]);
    expect((await verify('JY-H1')).verdict).toBe('REVOKED');
    // The file still says what was imported: importing it again changes nothing.
    expect(await importBatch([row('JY-H1')])).toEqual({ created: 0, unchanged: 1, rejected: [] });
  });
});
