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
  const signIn = async (holder: TestCertificate = clerk, enrolled: TestCertificate = clerk) => {
    const { id, toSign } = await challenge(enrolled);
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
    // An Idempotency-Key changes nothing for a staff member: a proposal to sign is not an outcome to replay.
    const keyed = await http().post('/cases/HD-1/verification').set('authorization', `Bearer ${token}`).set('idempotency-key', 'k-1');
    const again = await http().post('/cases/HD-1/verification').set('authorization', `Bearer ${token}`).set('idempotency-key', 'k-1');
    expect([keyed.status, again.status]).toEqual([202, 202]);
    expect((again.body as { id: string }).id).not.toBe((keyed.body as { id: string }).id);

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

  it('leaves every write of a staff admin to them too: publishing an item answers 202 and submits nothing', async () => {
    const adminCertificate = makeCertificate({ commonName: 'staff-a2a2a2a2a2' });
    await store.put({ ...member, id: 'staff-a2a2a2a2a2', name: '李管理', role: 'admin', status: 'ACTIVE', certificate: adminCertificate.pem });
    const { token } = (await signIn(adminCertificate, adminCertificate)).body as { token: string };
    const item = { name: '食品经营许可', promisedDays: 10, resultType: 'licence', materials: [] };
    const write = await http().put('/catalogue/HaidianMSP/items/HD-FOOD').set('authorization', `Bearer ${token}`).send(item);
    expect(write.status).toBe(202);
    expect(write.body).toMatchObject({ transaction: 'Catalogue:PublishServiceItem', signatureNeeded: true });
    expect(ledger.calls.filter((call) => call.kind === 'submit')).toHaveLength(0);
  });

  it('ends the session when an admin changes the member’s status, even a suspension lifted before the next request, and on sign-out', async () => {
    const changed = (status: 'ACTIVE' | 'SUSPENDED') => store.put({ ...member, status, certificate: clerk.pem, changedAt: new Date().toISOString() });
    const { token } = (await signIn()).body as { token: string };
    await new Promise((resolve) => setTimeout(resolve, 5));
    await changed('SUSPENDED');
    expect((await http().get('/cases/HD-1').set('authorization', `Bearer ${token}`)).body).toMatchObject({ code: 'SESSION_EXPIRED' });

    await changed('ACTIVE');
    const second = ((await signIn()).body as { token: string }).token;
    await new Promise((resolve) => setTimeout(resolve, 5));
    // Suspended and reinstated with no request between: the session opened before ended all the same.
    await changed('SUSPENDED');
    await changed('ACTIVE');
    expect((await http().get('/cases/HD-1').set('authorization', `Bearer ${second}`)).body).toMatchObject({ code: 'SESSION_EXPIRED' });

    const third = ((await signIn()).body as { token: string }).token;
    expect((await http().get('/cases/HD-1').set('authorization', `Bearer ${third}`)).status).toBe(200);
    expect((await http().delete('/public/staff/sessions/current').set('authorization', `Bearer ${third}`)).status).toBe(204);
    expect((await http().get('/cases/HD-1').set('authorization', `Bearer ${third}`)).status).toBe(401);
    expect((await http().delete('/public/staff/sessions/current')).body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });
});
