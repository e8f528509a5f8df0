import type { Server } from 'node:http';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestApp, FakeLedger } from '../../test/support/test-app';

const DOCUMENT = 'ab'.repeat(32);
/** A result as the chaincode records it: the public answer must leave out all but the issuer and the dates. */
const record = {
  certificateNumber: 'JY-1',
  caseId: 'HD-1',
  serviceItem: { ownerMsp: 'FoshanMSP', code: 'FS-FOOD-001', version: 1 },
  holderRef: 'f0'.repeat(32),
  documentSha256: DOCUMENT,
  issuedAt: '2026-03-02T08:15:00.000Z',
  expiresOn: '2031-12-31',
  issuingMsp: 'FoshanMSP',
  receivingMsp: 'HaidianMSP',
  status: 'REVOKED',
  revokedAt: '2026-04-01T10:00:00.000Z',
  revocationReason: 'issued to the wrong applicant, 张三',
  updatedTxId: 'tx1',
};

describe('GET /public/results/{certificateNumber}/verification', () => {
  let app: INestApplication<Server>;
  let ledger: FakeLedger;
  const verify = (number: string, query: string) => request(app.getHttpServer()).get(`/public/results/${number}/verification${query}`);

  beforeEach(async () => {
    ledger = new FakeLedger();
    app = await createTestApp(ledger);
  });

  afterEach(() => app.close());

  it('answers without an API key, reading as the reader role, with the issuer and dates only', async () => {
    ledger.answer('Results:VerifyResult', () => ({ certificateNumber: 'JY-1', verdict: 'REVOKED', result: record }));
    const answer = await verify('JY-1', `?documentSha256=${DOCUMENT}`);
    expect(answer.status).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.body).toEqual({
      certificateNumber: 'JY-1',
      verdict: 'REVOKED',
      issuingMsp: 'FoshanMSP',
      issuingCityName: '佛山市',
      issuedOn: '2026-03-02',
      expiresOn: '2031-12-31',
      revokedOn: '2026-04-01',
    });
    expect(ledger.calls).toEqual([{ kind: 'evaluate', role: 'auditor', transaction: 'Results:VerifyResult', args: ['JY-1', DOCUMENT] }]);
  });

  it('says nothing of the licence to a document that does not match it, nor of an unknown number', async () => {
    ledger.answer('Results:VerifyResult', () => ({ certificateNumber: 'JY-1', verdict: 'HASH_MISMATCH', result: record }));
    expect((await verify('JY-1', `?documentSha256=${'cd'.repeat(32)}`)).body).toEqual({ certificateNumber: 'JY-1', verdict: 'HASH_MISMATCH' });
    ledger.answer('Results:VerifyResult', () => ({ certificateNumber: 'JY-2', verdict: 'UNKNOWN' }));
    expect((await verify('JY-2', `?documentSha256=${DOCUMENT}`)).body).toEqual({ certificateNumber: 'JY-2', verdict: 'UNKNOWN' });
  });

  it('refuses bad input with a code naming the field, before any ledger call', async () => {
    const badHash = await verify('JY-1', '?documentSha256=ABC');
    expect(badHash.status).toBe(400);
    expect(badHash.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(badHash.body).toMatchObject({ code: 'INVALID_DOCUMENT_SHA256', errors: ['documentSha256 must be 64 lower-case hex digits (SHA-256)'] });
    expect((await verify('JY-1', '')).body).toMatchObject({ code: 'INVALID_DOCUMENT_SHA256', detail: 'documentSha256 is required' });
    expect((await verify('JY 1', `?documentSha256=${DOCUMENT}`)).body).toMatchObject({ code: 'INVALID_CERTIFICATE_NUMBER' });
    expect(ledger.calls).toEqual([]);
  });

  it('limits each client address to its burst, then answers 429 with Retry-After', async () => {
    ledger.answer('Results:VerifyResult', () => ({ certificateNumber: 'JY-2', verdict: 'UNKNOWN' }));
    const answers = [];
    for (let index = 0; index < 11; index += 1) answers.push(await verify('JY-2', `?documentSha256=${DOCUMENT}`));
    expect(answers.slice(0, 10).map((answer) => answer.status)).toEqual(Array<number>(10).fill(200));
    expect(answers[10].status).toBe(429);
    expect(answers[10].body).toMatchObject({ code: 'RATE_LIMITED' });
    expect(answers[10].headers['retry-after']).toBe('1');
    // The other routes have their own, higher limit.
    expect((await request(app.getHttpServer()).get('/health')).status).toBe(200);
  });
});
