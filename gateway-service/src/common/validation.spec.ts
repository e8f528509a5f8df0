import type { Server } from 'node:http';
import { INestApplication } from '@nestjs/common';
import { forbidden, invalidArgument } from '@tongban/chaincode/domain';
import request from 'supertest';
import { createTestApp, FakeLedger, TEST_KEYS } from '../../test/support/test-app';
import { ApiError } from './api-error';
import { ReaderPipe } from './validation';

describe('ReaderPipe', () => {
  it('answers a domain refusal of the request with 400 VALIDATION_FAILED and its one message', () => {
    const pipe = new ReaderPipe(() => {
      throw invalidArgument('validFrom must be a date written YYYY-MM-DD');
    });
    let answer: unknown;
    try {
      pipe.transform({});
    } catch (error) {
      answer = error;
    }
    expect(answer).toBeInstanceOf(ApiError);
    expect(answer).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      detail: 'invalid request: validFrom must be a date written YYYY-MM-DD',
      extra: { errors: ['validFrom must be a date written YYYY-MM-DD'] },
    });
  });

  it('lets any other error through unchanged', () => {
    const refusal = forbidden('not yours');
    const pipe = new ReaderPipe(() => {
      throw refusal;
    });
    expect(() => pipe.transform({})).toThrow(refusal);
  });
});

describe('request validation at every route', () => {
  let app: INestApplication<Server>;
  let ledger: FakeLedger;

  beforeAll(async () => {
    ledger = new FakeLedger();
    ledger.answer('Agreements:ProposeAgreement', (call) => JSON.parse(call.args[0]));
    app = await createTestApp(ledger);
  });

  afterAll(() => app.close());

  const agreement = {
    id: 'AGR-1',
    title: 'Haidian–Foshan',
    parties: ['HaidianMSP', 'FoshanMSP'],
    serviceItems: [{ ownerMsp: 'FoshanMSP', code: 'FS-1' }],
    validFrom: '2026-01-01',
    validUntil: '2027-12-31',
  };
  const item = { name: 'Food business licence', materials: [], promisedDays: 10, resultType: 'licence' };
  const material = { name: 'Application form', sha256: 'ab'.repeat(32), size: 10, mediaType: 'application/pdf', location: 'store://ab' };

  it.each([
    [
      'refuses 2026-02-30 as validFrom',
      'post',
      '/agreements',
      TEST_KEYS.admin,
      { ...agreement, validFrom: '2026-02-30' },
      'validFrom must be a date written YYYY-MM-DD',
    ],
    [
      'refuses an agreement item owned by no party',
      'post',
      '/agreements',
      TEST_KEYS.admin,
      { ...agreement, serviceItems: [{ ownerMsp: 'TianjinMSP', code: 'TJ-1' }] },
      'serviceItems[0].ownerMsp TianjinMSP is not one of the parties',
    ],
    ['refuses a termination without a reason', 'post', '/agreements/AGR-1/termination', TEST_KEYS.admin, {}, 'reason is required'],
    [
      'refuses a list of agreements of a party that is not an identifier',
      'get',
      '/agreements?party=-x',
      TEST_KEYS.auditor,
      undefined,
      "party must be letters, digits, '.', '_' or '-', starting with a letter or digit",
    ],
    [
      'refuses a code in the body of a published item (it comes from the path)',
      'put',
      '/catalogue/HaidianMSP/items/HD-1',
      TEST_KEYS.admin,
      { ...item, code: 'HD-1' },
      'code is not a known field',
    ],
    [
      'refuses a published item promising 0 days',
      'put',
      '/catalogue/HaidianMSP/items/HD-1',
      TEST_KEYS.admin,
      { ...item, promisedDays: 0 },
      'promisedDays must be an integer from 1 to 365',
    ],
    [
      'refuses a supplement naming the material field by its path',
      'post',
      '/cases/HD-1/supplement',
      TEST_KEYS.clerk,
      { materials: [{ ...material, size: 0 }] },
      'materials[0].size must be an integer from 1 to 1073741824',
    ],
    ['refuses a withdrawal without a body', 'post', '/cases/HD-1/withdrawal', TEST_KEYS.clerk, undefined, 'body is required'],
    [
      'refuses a revocation whose reason is too long',
      'post',
      '/results/JY-1/revocation',
      TEST_KEYS.reviewer,
      { reason: 'x'.repeat(501) },
      'reason must be 1 to 500 characters long',
    ],
    [
      'refuses a recognition without a purpose',
      'post',
      '/results/JY-1/recognitions',
      TEST_KEYS.reviewer,
      { agreementId: 'AGR-1' },
      'purpose is required',
    ],
    [
      'refuses a recognition with an unknown field',
      'post',
      '/results/JY-1/recognitions',
      TEST_KEYS.reviewer,
      { agreementId: 'AGR-1', purpose: 'Branch', note: 'x' },
      'note is not a known field',
    ],
    [
      'refuses a verification of a hash that is not SHA-256',
      'get',
      '/results/JY-1/verification?documentSha256=XYZ',
      TEST_KEYS.auditor,
      undefined,
      'documentSha256 must be 64 lower-case hex digits (SHA-256)',
    ],
    [
      'refuses a material path parameter that is not SHA-256',
      'get',
      '/cases/HD-1/materials/xyz',
      TEST_KEYS.clerk,
      undefined,
      'sha256 must be 64 lower-case hex digits (SHA-256)',
    ],
  ] as const)('%s, with 400 VALIDATION_FAILED before any ledger call', async (_behaviour, method, path, key, body, message) => {
    const call = request(app.getHttpServer())[method](path).set('x-api-key', key);
    const response = await (body === undefined ? call : call.send(body));
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', detail: `invalid request: ${message}`, errors: [message] });
    expect(ledger.calls).toHaveLength(0);
  });

  it('passes the agreement on as the domain reads it (parties sorted)', async () => {
    const response = await request(app.getHttpServer()).post('/agreements').set('x-api-key', TEST_KEYS.admin).send(agreement);
    expect(response.status).toBe(201);
    expect(JSON.parse(ledger.calls[0].args[0])).toEqual({ ...agreement, parties: ['FoshanMSP', 'HaidianMSP'] });
  });
});
