import type { Server } from 'node:http';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestApp, FakeLedger, TEST_KEYS } from '../../test/support/test-app';
import { ChaincodeRefusalError } from '../fabric/ledger-errors';
import { verificationLink } from './result-qr';

describe("a result's QR code", () => {
  it('links to the public verification page, the certificate number prefilled and escaped', () => {
    expect(verificationLink('https://tongban.haidian.gov.cn', 'JY44060420260001')).toBe(
      'https://tongban.haidian.gov.cn/verify?certificate=JY44060420260001',
    );
    expect(verificationLink('http://127.0.0.1:7190', 'a.b_c-1')).toBe('http://127.0.0.1:7190/verify?certificate=a.b_c-1');
  });

  describe('GET /results/{certificateNumber}/qr.svg', () => {
    let app: INestApplication<Server>;
    let ledger: FakeLedger;

    beforeAll(async () => {
      ledger = new FakeLedger();
      ledger.answer('Results:GetResult', (call) => {
        if (call.args[0] !== 'JY-1') throw new ChaincodeRefusalError('NOT_FOUND', `result ${call.args[0]} does not exist`);
        return { certificateNumber: 'JY-1', issuingMsp: 'FoshanMSP', documentSha256: 'ab'.repeat(32) };
      });
      app = await createTestApp(ledger);
    });

    afterAll(() => app.close());

    const qr = (number: string, key?: string) => {
      const call = request(app.getHttpServer()).get(`/results/${number}/qr.svg`);
      return key === undefined ? call : call.set('x-api-key', key);
    };

    it('answers an SVG image to any role, for an issued result only', async () => {
      const answer = await qr('JY-1', TEST_KEYS.clerk).buffer(true);
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toMatch(/^image\/svg\+xml/);
      expect(String(answer.body)).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]*viewBox="0 0 \d+ \d+"/);
      expect((await qr('JY-2', TEST_KEYS.auditor)).body).toMatchObject({ code: 'NOT_FOUND' });
      expect((await qr('JY-1')).status).toBe(401);
    });
  });
});
