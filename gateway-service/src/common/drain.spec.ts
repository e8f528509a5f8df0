import type { Server } from 'node:http';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestApp, FakeLedger, TEST_KEYS } from '../../test/support/test-app';
import { Drain } from './drain';

describe('a stopping gateway', () => {
  let app: INestApplication<Server>;
  let ledger: FakeLedger;
  let drain: Drain;
  let release: () => void;

  beforeEach(async () => {
    ledger = new FakeLedger();
    drain = new Drain();
    // Verification is held open until the test releases it: a request in flight.
    const held = new Promise<void>((resolve) => (release = resolve));
    ledger.answer('Cases:Verify', () => held.then(() => ({ id: 'HD-1', status: 'FORWARDED' })));
    app = await createTestApp(ledger, drain);
  });

  afterEach(() => app.close());

  const verify = () => request(app.getHttpServer()).post('/cases/HD-1/verification').set('x-api-key', TEST_KEYS.clerk);
  /** Starts a verification and waits until it reaches the ledger (wrapped: an async function would await the answer). */
  const inFlight = async () => {
    const answer = verify().then((response) => response);
    while (ledger.calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    return { answer };
  };

  it('finishes the requests in flight, and answers new ones 503 DRAINING with Retry-After', async () => {
    const first = (await inFlight()).answer;
    const draining = drain.drain(5_000);
    const refused = await verify();
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('2');
    expect(refused.headers.connection).toBe('close');
    expect(refused.body).toMatchObject({ code: 'DRAINING' });
    release();
    expect((await first).body).toMatchObject({ status: 'FORWARDED' });
    expect(await draining).toBe(0);
    expect(ledger.calls).toHaveLength(1);
  });

  it('answers a request still unfinished at the deadline 503 with Retry-After, never 500', async () => {
    const slow = (await inFlight()).answer;
    expect(await drain.drain(100)).toBe(1);
    const answer = await slow;
    expect(answer.status).toBe(503);
    expect(answer.headers['retry-after']).toBe('2');
    expect(answer.body).toMatchObject({ code: 'DRAINING' });
    release();
  });
});
