import * as grpc from '@grpc/grpc-js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCertificate } from '../../test/support/certificates';
import { connectOfflineGateway } from '../fabric/connection';
import { FabricService } from '../fabric/fabric.service';
import { StaffSigningService } from './staff-signing.service';
import { StaffService } from './staff.service';
import { StaffStore } from './staff-store';

/** A self-signed certificate whose subject is CN=`commonName`. */
const certificateFor = (commonName: string): string => makeCertificate({ commonName }).pem;

describe('StaffSigningService: who may start a transaction, and in which order it is signed', () => {
  // Preparing a proposal makes no call: a client that never connects is enough.
  const client = new grpc.Client('127.0.0.1:1', grpc.credentials.createInsecure());
  const fabric = {
    channel: 'tongban',
    chaincode: 'tongban',
    offlineGateway: (certificate: string) => connectOfflineGateway(client, { mspId: 'HaidianMSP', credentials: Buffer.from(certificate) }),
  } as unknown as FabricService;
  let directory: string;
  let store: StaffStore;
  let signing: StaffSigningService;
  const active = certificateFor('staff-aaaaaaaaaa');
  const request = (certificate: string) => ({ certificate, transaction: 'Cases:Verify', arguments: ['HD-1'] });

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'staff-signing-'));
    store = new StaffStore(directory);
    await store.open();
    const member = { id: 'staff-aaaaaaaaaa', name: '王小明', role: 'clerk' as const, invitedBy: 'admin', invitedAt: new Date().toISOString() };
    await store.put({ ...member, status: 'ACTIVE', certificate: active });
    await store.put({ ...member, id: 'staff-bbbbbbbbbb', status: 'SUSPENDED', certificate: certificateFor('staff-bbbbbbbbbb') });
    signing = new StaffSigningService(fabric, new StaffService(store, 'HaidianMSP'));
  });

  const signingMember = async () => {
    const member = await store.get('staff-aaaaaaaaaa');
    if (!member) throw new Error('the test member is missing');
    return member;
  };

  afterEach(async () => {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  afterAll(() => {
    client.close();
  });

  it('prepares a proposal for an active member presenting the certificate enrolled for them', async () => {
    const prepared = await signing.prepare(request(active));
    expect(prepared.id).toMatch(/^[0-9a-f]{64}$/);
    expect(Buffer.from(prepared.toSign, 'base64').length).toBeGreaterThan(100);
  });

  it('refuses another certificate with the same name, a suspended member, and no one', async () => {
    await expect(signing.prepare(request(certificateFor('staff-aaaaaaaaaa')))).rejects.toMatchObject({ status: 403, code: 'NOT_STAFF' });
    const suspended = (await store.get('staff-bbbbbbbbbb'))?.certificate as string;
    await expect(signing.prepare(request(suspended))).rejects.toMatchObject({ status: 403, code: 'STAFF_NOT_ACTIVE' });
    await expect(signing.prepare(request(certificateFor('staff-cccccccccc')))).rejects.toMatchObject({ code: 'NOT_STAFF' });
  });

  it('takes the signatures in order, and none for a transaction it did not prepare', async () => {
    const { id } = await signing.prepare(request(active));
    await expect(signing.submit(id, new Uint8Array(70))).rejects.toMatchObject({ status: 409, code: 'INVALID_STAGE' });
    await expect(signing.status(id, new Uint8Array(70))).rejects.toMatchObject({ status: 409 });
    await expect(signing.endorse('0'.repeat(64), new Uint8Array(70))).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('refuses the next signature once the member is suspended', async () => {
    const { id } = await signing.prepare(request(active));
    await store.put({ ...(await signingMember()), status: 'SUSPENDED' });
    await expect(signing.endorse(id, new Uint8Array(70))).rejects.toMatchObject({ status: 403, code: 'STAFF_NOT_ACTIVE' });
    // The prepared transaction is dropped with it.
    await expect(signing.endorse(id, new Uint8Array(70))).rejects.toMatchObject({ status: 404 });
  });
});
