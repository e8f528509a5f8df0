import type { Server } from 'node:http';
import { sign } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { makeCertificate, TestCertificate } from '../../test/support/certificates';
import { createTestApp, FakeLedger, TEST_KEYS } from '../../test/support/test-app';
import { StaffStore } from './staff-store';

describe('staff sessions: signing in with the enrolled key, and writes left for that key to sign', () => {
  let app: INestApplication<Server>;
  let ledger: FakeLedger;
  let store: StaffStore;
  const clerk = makeCertificate({ commonName: 'staff-c1c1c1c1c1' });
  const other = makeCertificate({ commonName: 'staff-c1c1c1c1c1' });
  const member = { id: 'staff-c1c1c1c1c1', name: '王小明', role: 'clerk' as const, invitedBy: 'admin', invitedAt: '2026-12-01T00:00:00.000Z' };

  const http = () => request(app.getHttpServer());
  const signWith = (holder: TestCertificate, toSign: string) =>
    sign('sha256', Buffer.from(toSign, 'base64'), { key: holder.key, dsaEncoding: 'der' }).toString('base64');
  const challenge = async (holder: TestCertificate) =>
    (await http().post('/public/staff/sessions').send({ certificate: holder.pem })).body as { id: string; toSign: string };
  const signIn = async (holder: TestCertificate = clerk) => {
    const { id, toSign } = await challenge(clerk);
    return http()
      .post(`/public/staff/sessions/${id}`)
      .send({ signature: signWith(holder, toSign) });
  };

  beforeAll(async () => {
    ledger = new FakeLedger();
    ledger.answer('Cases:GetCase', () => ({ id: 'HD-1', status: 'RECEIVED' }));
    app = await createTestApp(ledger);
    store = app.get(StaffStore);
    await store.put({ ...member, status: 'ACTIVE', certificate: clerk.pem });
  });

  afterAll(() => app.close());

  beforeEach(async () => {
    ledger.calls.splice(0);
    // Sign-in is under /public, limited to 5 requests a second per address (a burst of 10): let it refill.
    await new Promise((resolve) => setTimeout(resolve, 1500));
  });

  it('opens a session for the key of the enrolled certificate, and for nothing else', async () => {
    const session = await signIn();
    expect(session.status).toBe(201);
    expect(session.body).toMatchObject({ staffId: member.id, role: 'clerk', name: '王小明' });

    // Another key's signature over the challenge, a certificate the city did not enrol, a challenge used twice.
    expect((await signIn(other)).body).toMatchObject({ code: 'SIGN_IN_FAILED' });
    expect((await http().post('/public/staff/sessions').send({ certificate: other.pem })).body).toMatchObject({ code: 'NOT_STAFF' });
    const { id, toSign } = await challenge(clerk);
    expect(
      (
        await http()
          .post(`/public/staff/sessions/${id}`)
          .send({ signature: signWith(clerk, toSign) })
      ).status,
    ).toBe(201);
    expect(
      (
        await http()
          .post(`/public/staff/sessions/${id}`)
          .send({ signature: signWith(clerk, toSign) })
      ).status,
    ).toBe(401);
  });

  it('reads in the member’s role, and a write answers 202 with the proposal to sign instead of being submitted', async () => {
    const { token } = (await signIn()).body as { token: string };
    const read = await http().get('/cases/HD-1').set('authorization', `Bearer ${token}`);
    expect(read.status).toBe(200);
    expect(ledger.calls.at(-1)).toMatchObject({ kind: 'evaluate', role: 'clerk', transaction: 'Cases:GetCase' });

    const write = await http().post('/cases/HD-1/verification').set('authorization', `Bearer ${token}`);
    expect(write.status).toBe(202);
    expect(write.body).toMatchObject({ transaction: 'Cases:Verify', signatureNeeded: true, id: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown });
    expect(write.headers.location).toBe(`/public/staff/transactions/${(write.body as { id: string }).id}/endorsement`);
    expect(ledger.calls.filter((call) => call.kind === 'submit')).toHaveLength(0);

    // Another role's route is refused, naming the member; an API key still submits as its role.
    const refused = await http().post('/cases/HD-1/acceptance').set('authorization', `Bearer ${token}`);
    expect(refused.body).toMatchObject({
      code: 'ROLE_NOT_ALLOWED',
      detail: expect.stringContaining(`staff member ${member.id} acts as clerk`) as unknown,
    });
    ledger.answer('Cases:Verify', () => ({ id: 'HD-1', status: 'FORWARDED' }));
    expect((await http().post('/cases/HD-1/verification').set('x-api-key', TEST_KEYS.clerk)).status).toBe(200);
    expect(ledger.calls.at(-1)).toMatchObject({ kind: 'submit', role: 'clerk', transaction: 'Cases:Verify' });
  });

  it('ends the session when the member is suspended, and on sign-out', async () => {
    const { token } = (await signIn()).body as { token: string };
    await store.put({ ...member, status: 'SUSPENDED', certificate: clerk.pem });
    expect((await http().get('/cases/HD-1').set('authorization', `Bearer ${token}`)).body).toMatchObject({ code: 'STAFF_NOT_ACTIVE' });
    await store.put({ ...member, status: 'ACTIVE', certificate: clerk.pem });
    // The suspension ended that session for good.
    expect((await http().get('/cases/HD-1').set('authorization', `Bearer ${token}`)).body).toMatchObject({ code: 'SESSION_EXPIRED' });

    const second = ((await signIn()).body as { token: string }).token;
    expect((await http().delete('/public/staff/sessions/current').set('authorization', `Bearer ${second}`)).status).toBe(204);
    expect((await http().get('/cases/HD-1').set('authorization', `Bearer ${second}`)).status).toBe(401);
  });
});
