import { execFile } from 'node:child_process';
import { generateKeyPairSync, sign, X509Certificate } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { certificationRequest } from '../../src/signing/certification-request';
import { p1363ToLowSDer } from '../../src/signing/ecdsa-signature';
import { setUpAgreement, threeCities } from './http';
import { GatewayPool, loadNetwork, receiveProposal, saltOf } from './network';

/**
 * Staff with keys of their own, on the real network: Haidian's admin invites
 * a clerk, the city's CA registers them; they enrol with a certification
 * request for a key made on their side (as a browser's WebCrypto key would
 * be), the gateway never seeing the key; what they sign is endorsed by the
 * peers and the case's timeline names them. Admins suspend, reinstate and
 * revoke; `network.sh revoke` then puts the CA's list into the channel.
 */
const network = loadNetwork();
const cities = threeCities(network);
const { haidian, FOSHAN } = cities;
const pool = new GatewayPool(network);
const run = Date.now().toString(36).toUpperCase();
const ITEM = `FS-STAFF-${run}`;
const AGREEMENT = `AGR-STAFF-${run}`;
const exec = promisify(execFile);
let home: string;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'tongban-staff-'));
  await setUpAgreement(cities, ITEM, AGREEMENT);
});

afterAll(async () => {
  pool.close();
  await rm(home, { recursive: true, force: true });
});

/** A staff member's key pair and the request for it, made where the key stays. */
async function keyAndRequest(id: string) {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const request = await certificationRequest(id, new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })), (data) =>
    Promise.resolve(new Uint8Array(sign('sha256', data, { key: privateKey, dsaEncoding: 'der' }))),
  );
  return { privateKey, request };
}

/** A case Haidian receives for Foshan, endorsed by both. */
const receiving = (id: string) =>
  receiveProposal({
    id,
    item: { ownerMsp: FOSHAN, code: ITEM },
    agreement: AGREEMENT,
    material: { name: 'Application form', sha256: 'a7'.repeat(32), size: 100, mediaType: 'application/pdf', location: 'store://haidian/a7' },
    applicant: { name: '孙八', idNumber: '110108199005051234', phone: '13500000000', address: '北京市海淀区', salt: saltOf(run) },
    endorsingOrganizations: [haidian.city.mspId, FOSHAN],
  });

describe('staff identities', () => {
  it('invites, enrols by certification request, signs a case in their own name, and is suspended, reinstated and revoked', async () => {
    const invited = await haidian.post('admin', '/staff', { name: '王小明', role: 'clerk' });
    expect(invited.status).toBe(201);
    const { id, enrolmentSecret } = invited.body as { id: string; enrolmentSecret: string };
    expect(invited.body).toMatchObject({ name: '王小明', role: 'clerk', status: 'INVITED' });

    const { privateKey, request } = await keyAndRequest(id);
    const enrolled = await haidian.call(undefined, 'POST', '/public/staff/enrolment', { id, secret: enrolmentSecret, certificateRequest: request });
    expect(enrolled.status).toBe(201);
    const certificate = (enrolled.body as { certificate: string }).certificate;
    const parsed = new X509Certificate(certificate);
    expect(parsed.subject).toContain(`CN=${id}`);
    expect(parsed.checkPrivateKey(privateKey)).toBe(true);
    // The certificate carries the role the admin gave, in Fabric CA's attribute extension, as the chaincode reads it.
    expect(parsed.raw.toString('latin1')).toContain('"tongban.role":"clerk"');

    // The secret was for one enrolment only.
    const again = await haidian.call(undefined, 'POST', '/public/staff/enrolment', { id, secret: enrolmentSecret, certificateRequest: request });
    expect(again.status).toBe(403);
    const wrongSecret = await haidian.call(undefined, 'POST', '/public/staff/enrolment', {
      id: 'staff-0000000000',
      secret: 'x',
      certificateRequest: request,
    });
    expect(wrongSecret.status).toBe(403);

    // They sign each message the gateway prepares (offline signing): the peers endorse it, and the timeline names them.
    const signed = (toSign: string) => ({
      signature: Buffer.from(
        p1363ToLowSDer(new Uint8Array(sign('sha256', Buffer.from(toSign, 'base64'), { key: privateKey, dsaEncoding: 'ieee-p1363' }))),
      ).toString('base64'),
    });
    const viaGateway = `HD-STAFFGW-${run}`;
    const options = receiving(viaGateway);
    const prepared = await haidian.call(undefined, 'POST', '/public/staff/transactions', {
      certificate,
      transaction: 'Cases:Receive',
      arguments: options.arguments,
      transient: options.transientData,
      endorsingOrganizations: options.endorsingOrganizations,
    });
    expect(prepared.status).toBe(201);
    const { id: transactionId, toSign: proposal } = prepared.body as { id: string; toSign: string };
    // A signature over other bytes is refused by the peers, and the transaction can still be signed properly.
    const forged = await haidian.call(
      undefined,
      'POST',
      `/public/staff/transactions/${transactionId}/endorsement`,
      signed(Buffer.from('other bytes').toString('base64')),
    );
    expect(forged.status).toBeGreaterThanOrEqual(400);
    const endorsed = await haidian.call(undefined, 'POST', `/public/staff/transactions/${transactionId}/endorsement`, signed(proposal));
    expect(endorsed.status).toBe(200);
    const submitted = await haidian.call(
      undefined,
      'POST',
      `/public/staff/transactions/${transactionId}/submission`,
      signed((endorsed.body as { toSign: string }).toSign),
    );
    expect(submitted.status).toBe(200);
    const committed = await haidian.call(
      undefined,
      'POST',
      `/public/staff/transactions/${transactionId}/commit`,
      signed((submitted.body as { toSign: string }).toSign),
    );
    expect(committed.body).toMatchObject({ id: transactionId, committed: true, status: 'VALID' });
    const timeline = ((await haidian.get('auditor', `/cases/${viaGateway}`)).body as unknown as { timeline: object[] }).timeline;
    expect(timeline[0]).toMatchObject({ role: 'clerk', subject: expect.stringContaining(`CN=${id}`) as unknown });

    // With their own key through Fabric Gateway directly, too.
    await writeFile(join(home, 'cert.pem'), certificate);
    await writeFile(join(home, 'key.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const asStaff = await pool.contract(
      'haidian',
      { mspId: haidian.city.mspId, certificatePath: join(home, 'cert.pem'), privateKeyPath: join(home, 'key.pem') },
      'Cases',
    );
    const caseId = `HD-STAFF-${run}`;
    const record = JSON.parse(Buffer.from(await asStaff.submit('Receive', receiving(caseId))).toString('utf8')) as { timeline: object[] };
    expect(record.timeline[0]).toMatchObject({ role: 'clerk', subject: expect.stringContaining(`CN=${id}`) as unknown });

    const listed = await haidian.get('admin', '/staff');
    expect((listed.body as unknown as { id: string; status: string }[]).find((member) => member.id === id)).toMatchObject({
      status: 'ACTIVE',
      name: '王小明',
    });
    expect((await haidian.post('admin', `/staff/${id}/suspension`, { reason: 'on leave' })).body).toMatchObject({
      status: 'SUSPENDED',
      reason: 'on leave',
    });
    const whileSuspended = await haidian.call(undefined, 'POST', '/public/staff/transactions', {
      certificate,
      transaction: 'Cases:Receive',
      arguments: receiving(`${viaGateway}-S`).arguments,
    });
    expect(whileSuspended).toMatchObject({ status: 403, body: { code: 'STAFF_NOT_ACTIVE' } });
    expect((await haidian.post('admin', `/staff/${id}/suspension`)).status).toBe(409);
    expect((await haidian.call('admin', 'DELETE', `/staff/${id}/suspension`)).body).toMatchObject({ status: 'ACTIVE' });
    expect((await haidian.get('clerk', '/staff')).status).toBe(403);

    expect((await haidian.post('admin', `/staff/${id}/revocation`, { reason: 'left the service hall' })).body).toMatchObject({ status: 'REVOKED' });
    expect((await haidian.post('admin', `/staff/${id}/revocation`)).status).toBe(409);
    // The city's operator puts the CA's revocation list into the channel: the peers then refuse them.
    await exec('bash', [join(__dirname, '../../../scripts/network.sh'), 'revoke', 'haidian', id], {
      env: { ...process.env, TONGBAN_RUNTIME_DIR: network.runtimeDir },
      timeout: 180_000,
    });
    const refusal = await asStaff.submit('Receive', receiving(`${caseId}-2`)).then(
      () => 'recorded',
      (error: unknown) => JSON.stringify(error, Object.getOwnPropertyNames(error)),
    );
    expect(refusal).toMatch(/access denied|creator org/);
  });
});
