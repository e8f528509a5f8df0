import { execFile } from 'node:child_process';
import { createHash, createPublicKey, X509Certificate } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { ExternalIssuer, makeRootCa, makeTlsCertificate } from '../support/certificates';
import { CityClient, setUpAgreement, threeCities } from './http';
import { CityDescription, credentialsOf, GatewayPool, loadNetwork, submitRetrying } from './network';
import { eventually, readSse, WebhookReceiver } from './receivers';

/**
 * Events to partner systems and materials between cities, end to end over the
 * three running gateways and the real network.
 */
const network = loadNetwork();
const cities = threeCities(network);
const { haidian, foshan, tianjin, HAIDIAN, FOSHAN, TIANJIN } = cities;
const ROOT = join(__dirname, '../../..');
const run = `E${Date.now().toString(36).toUpperCase()}`;
const ITEM = `FS-EV-${run}`;
const AGREEMENT = `AGR-EV-${run}`;
const applicant = { name: '赵六', idNumber: '440101199505051234', phone: '13700000000', address: '佛山市南海区桂城1号' };
const sh = promisify(execFile);
const DAY = 86_400_000;
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const pool = new GatewayPool(network);

async function uploadAt(client: CityClient, role: 'clerk' | 'reviewer', path: string, method: string, bytes: Buffer, type = 'application/pdf') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), 'file.pdf');
  const response = await client.fetch(path, { method, headers: { 'x-api-key': client.apiKey(role) }, body: form });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function receiveCase(id: string, materials: Record<string, unknown>[]) {
  const answer = await haidian.post('clerk', '/cases', {
    id,
    agreementId: AGREEMENT,
    serviceItem: { ownerMsp: FOSHAN, code: ITEM },
    materials,
    applicant,
  });
  expect(answer.status).toBe(201);
  // Foshan's peer commits the block on its own, moments after Haidian's.
  await eventually(async () => (await foshan.get('reviewer', `/cases/${id}`)).status === 200, 10_000, `case ${id} on Foshan's peer`);
}

const entry = (uploaded: Record<string, unknown>, name = 'Application form') => ({
  name,
  sha256: uploaded.sha256,
  size: uploaded.size,
  mediaType: uploaded.mediaType,
  location: uploaded.location,
});

afterAll(() => {
  pool.close();
});

beforeAll(() => setUpAgreement(cities, ITEM, AGREEMENT));

describe('events', () => {
  it('delivers every event of a lifecycle to a webhook in order, signed, retrying a failed delivery', async () => {
    const receiver = new WebhookReceiver(1);
    const url = await receiver.start();
    const id = `HD-EV-${run}-1`;
    const subscription = await haidian.post('clerk', '/webhooks', { url, caseId: id });
    try {
      expect(subscription.status).toBe(201);
      const secret = subscription.body.secret as string;
      const uploaded = (await uploadAt(haidian, 'clerk', '/materials', 'POST', pdf(`${run}-1`))).body;
      await receiveCase(id, [entry(uploaded)]);
      await haidian.post('clerk', `/cases/${id}/verification`);
      await foshan.post('reviewer', `/cases/${id}/acceptance`);
      await foshan.post('reviewer', `/cases/${id}/approval`);
      await foshan.post('reviewer', `/cases/${id}/result`, { certificateNumber: `JY-EV-${run}-1`, documentSha256: 'ab'.repeat(32) });
      await haidian.post('clerk', `/cases/${id}/delivery`);
      await eventually(() => receiver.deliveries.length >= 6, 30_000, 'six deliveries');
      expect(receiver.deliveries.map((delivery) => delivery.event.name)).toEqual([
        'case.receive',
        'case.verify',
        'case.accept',
        'case.approve',
        'case.issueResult',
        'case.deliver',
      ]);
      const seqs = receiver.deliveries.map((delivery) => delivery.event.seq);
      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
      for (const delivery of receiver.deliveries) {
        expect(WebhookReceiver.signedWith(delivery, secret)).toBe(true);
        expect(delivery.event.payload).toMatchObject({ caseId: id, receivingMsp: HAIDIAN, handlingMsp: FOSHAN });
        expect(delivery.body).not.toContain(applicant.idNumber);
      }
      // The subscription is the clerk's: another key of the city is told it does not exist.
      expect((await haidian.get('auditor', `/webhooks/${subscription.body.id as string}`)).status).toBe(404);
      const log = await haidian.get('clerk', `/webhooks/${subscription.body.id as string}`);
      const attempts = log.body.deliveries as { eventName: string; delivered: boolean; status: number; attempt: number }[];
      expect(attempts[0]).toMatchObject({ eventName: 'case.receive', delivered: false, status: 500, attempt: 1 });
      expect(attempts[1]).toMatchObject({ eventName: 'case.receive', delivered: true, attempt: 2 });
      expect(log.body.secret).toBeUndefined();
    } finally {
      await haidian.call('clerk', 'DELETE', `/webhooks/${subscription.body.id as string}`);
      await receiver.stop();
    }
  });

  it('misses no event while a gateway is stopped and restarted, and resumes SSE with Last-Event-ID', async () => {
    const receiver = new WebhookReceiver();
    const url = await receiver.start();
    const id = `HD-EV-${run}-2`;
    const ssePath = `/events?caseId=${id}`;
    const auditorKey = foshan.apiKey('auditor');
    const subscription = await foshan.post('reviewer', '/webhooks', { url, caseId: id });
    try {
      expect(subscription.status).toBe(201);
      const uploaded = (await uploadAt(haidian, 'clerk', '/materials', 'POST', pdf(`${run}-2`))).body;
      await receiveCase(id, [entry(uploaded)]);
      await haidian.post('clerk', `/cases/${id}/verification`);
      const firstTwo = await readSse(foshan, ssePath, { 'x-api-key': auditorKey }, 2);
      expect(firstTwo.map((event) => event.event)).toEqual(['case.receive', 'case.verify']);
      await eventually(() => receiver.deliveries.length >= 2, 20_000, 'two deliveries before the stop');

      await sh('bash', [join(ROOT, 'scripts/network.sh'), 'stop', 'gateway.foshan']);
      try {
        const reviewer = await pool.contract('foshan', credentialsOf(foshan.city, 'reviewer'), 'Cases');
        await submitRetrying(reviewer, 'Accept', { arguments: [id], endorsingOrganizations: [HAIDIAN, FOSHAN] });
        await submitRetrying(reviewer, 'Approve', { arguments: [id], endorsingOrganizations: [HAIDIAN, FOSHAN] });
      } finally {
        await sh('bash', [join(ROOT, 'scripts/start-gateway.sh'), 'foshan']);
      }

      await foshan.post('reviewer', `/cases/${id}/result`, { certificateNumber: `JY-EV-${run}-2`, documentSha256: 'cd'.repeat(32) });
      await haidian.post('clerk', `/cases/${id}/delivery`);
      await eventually(() => receiver.deliveries.length >= 6, 30_000, 'six deliveries after the restart');
      const names = receiver.deliveries.map((delivery) => delivery.event.name);
      expect(names).toEqual(['case.receive', 'case.verify', 'case.accept', 'case.approve', 'case.issueResult', 'case.deliver']);
      expect(new Set(receiver.deliveries.map((delivery) => delivery.event.seq)).size).toBe(6);

      const resumed = await readSse(foshan, ssePath, { 'x-api-key': auditorKey, 'last-event-id': firstTwo[1].id }, 4);
      expect(resumed.map((event) => event.event)).toEqual(['case.accept', 'case.approve', 'case.issueResult', 'case.deliver']);
      expect(Number(resumed[0].id)).toBeGreaterThan(Number(firstTwo[1].id));
    } finally {
      await foshan.call('reviewer', 'DELETE', `/webhooks/${subscription.body.id as string}`);
      await receiver.stop();
    }
  });
});

/** A city CA's own certificate and private key, as its fabric-ca-server keeps them: to sign a certificate the CA never would. */
function caKeyOf(description: CityDescription): ExternalIssuer {
  const pem = readFileSync(description.tlsRootCert, 'utf8');
  const publicKey = new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' });
  const keystore = join(dirname(description.tlsRootCert), 'msp/keystore');
  for (const name of readdirSync(keystore).filter((file) => file.endsWith('_sk'))) {
    const keyPem = readFileSync(join(keystore, name), 'utf8');
    if (createPublicKey(keyPem).export({ type: 'spki', format: 'der' }).equals(publicKey)) return { pem, keyPem };
  }
  throw new Error(`no key of ${description.tlsRootCert} in ${keystore}`);
}

/** The sum of a counter's series on a gateway's operations address whose labels include `labels`. */
async function counter(client: CityClient, name: string, labels: string[]): Promise<number> {
  const text = await (await fetch(`${client.city.gateway.operations}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) && labels.every((label) => line.includes(label)))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

/** The files of a gateway's material store. */
const storedMaterials = (key: string): string[] => {
  const store = join(network.runtimeDir, 'gateways', key, 'data/materials');
  return existsSync(store) ? readdirSync(store, { recursive: true }).map(String).sort() : [];
};

describe('materials between cities, gateways speaking mutual TLS', () => {
  it("lets Foshan's gateway fetch and verify a material received in Haidian, presenting its TLS certificate, and refuses Tianjin", async () => {
    const bytes = pdf(`${run}-material`);
    const uploaded = await uploadAt(haidian, 'clerk', '/materials', 'POST', bytes);
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({
      sha256: sha256(bytes),
      size: bytes.length,
      mediaType: 'application/pdf',
      location: `tongban-material://${HAIDIAN}/${sha256(bytes)}`,
    });
    const id = `HD-MAT-${run}-1`;
    await receiveCase(id, [entry(uploaded.body)]);
    const path = `/cases/${id}/materials/${sha256(bytes)}`;
    const served = await counter(haidian, 'tongban_http_requests_total', ['route="/partner/cases/:id/materials/:sha256"', 'status="200"']);
    const fetched = await foshan.fetch(path, { headers: { 'x-api-key': foshan.apiKey('reviewer') } });
    expect(fetched.status).toBe(200);
    expect(Buffer.from(await fetched.arrayBuffer()).equals(bytes)).toBe(true);
    // Fetched from Haidian's partner route (Foshan's gateway held no copy), and now kept in Foshan's store.
    expect(await counter(haidian, 'tongban_http_requests_total', ['route="/partner/cases/:id/materials/:sha256"', 'status="200"'])).toBe(served + 1);
    expect(storedMaterials('foshan')).toContain(join(sha256(bytes).slice(0, 2), sha256(bytes)));
    const refused = await tianjin.get('reviewer', path);
    expect(refused).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    // Tianjin's gateway, with its own valid TLS certificate, is Tianjin at Haidian's partner route, and is refused there.
    const direct = await haidian.fetch(
      `/partner${path}`,
      {},
      { cert: readFileSync(tianjin.city.gateway.tlsCertificate), key: readFileSync(tianjin.city.gateway.tlsPrivateKey) },
    );
    expect(direct.status).toBe(403);
    expect(((await direct.json()) as { detail: string }).detail).toBe(`${TIANJIN} is not the handling city of case ${id} received by ${HAIDIAN}`);
  });

  it("refuses a partner call without a client certificate, with one of a CA outside the channel, an expired one or Haidian's own, reading and storing nothing", async () => {
    const bytes = pdf(`${run}-refused`);
    const uploaded = await uploadAt(haidian, 'clerk', '/materials', 'POST', bytes);
    const id = `HD-MAT-${run}-4`;
    await receiveCase(id, [entry(uploaded.body)]);
    const path = `/partner/cases/${id}/materials/${sha256(bytes)}`;
    const readsBefore = await counter(haidian, 'tongban_fabric_calls_total', ['transaction="Cases:GetCase"']);
    const storeBefore = storedMaterials('haidian');
    const refusedBefore = await counter(haidian, 'tongban_http_requests_total', ['route="/partner/cases/:id/materials/:sha256"', 'status="401"']);

    const withoutCertificate = await haidian.fetch(path);
    // A CA of the tests' making that calls itself Haidian's, and a certificate for this machine from it.
    const selfMade = makeTlsCertificate(makeRootCa(`ca.${haidian.city.key}`, HAIDIAN), `gateway.${haidian.city.key}`);
    const unknownIssuer = await haidian.fetch(path, {}, { cert: selfMade.pem, key: selfMade.keyPem });
    // Signed with Foshan's real CA key, but expired yesterday.
    const expired = makeTlsCertificate(caKeyOf(foshan.city), 'gateway.foshan', {
      notBefore: new Date(Date.now() - 30 * DAY),
      notAfter: new Date(Date.now() - DAY),
    });
    const outOfDate = await haidian.fetch(path, {}, { cert: expired.pem, key: expired.keyPem });
    const own = await haidian.fetch(
      path,
      {},
      { cert: readFileSync(haidian.city.gateway.tlsCertificate), key: readFileSync(haidian.city.gateway.tlsPrivateKey) },
    );

    const answers = await Promise.all(
      [withoutCertificate, unknownIssuer, outOfDate, own].map(async (response) => ({
        status: response.status,
        contentType: response.headers.get('content-type'),
        ...((await response.json()) as { code: string; detail: string }),
      })),
    );
    expect(answers.map(({ status, code }) => [status, code])).toEqual([
      [401, 'CLIENT_CERTIFICATE_REQUIRED'],
      [401, 'CLIENT_CERTIFICATE_UNTRUSTED'],
      [401, 'CLIENT_CERTIFICATE_EXPIRED'],
      [403, 'PARTNER_IS_OWN_CITY'],
    ]);
    expect(answers.every((answer) => answer.contentType?.startsWith('application/problem+json'))).toBe(true);
    expect(answers[1].detail).toContain(`does not chain to a TLS root or intermediate CA of any organisation in the channel's configuration`);
    expect(answers[2].detail).toMatch(/^the client certificate "gateway.foshan" expired on /);
    expect(answers[3].detail).toContain(`is of ${HAIDIAN}, this gateway's own city`);
    // Refused before the case was read, and nothing stored; only the refusals are counted.
    expect(await counter(haidian, 'tongban_fabric_calls_total', ['transaction="Cases:GetCase"'])).toBe(readsBefore);
    expect(storedMaterials('haidian')).toEqual(storeBefore);
    expect(await counter(haidian, 'tongban_http_requests_total', ['route="/partner/cases/:id/materials/:sha256"', 'status="401"'])).toBe(
      refusedBefore + 3,
    );
  });

  it('refuses a material whose bytes no longer match the ledger, and keeps no copy', async () => {
    const bytes = pdf(`${run}-tampered`);
    const uploaded = (await uploadAt(haidian, 'clerk', '/materials', 'POST', bytes)).body;
    const id = `HD-MAT-${run}-2`;
    await receiveCase(id, [entry(uploaded)]);
    const hash = sha256(bytes);
    const stored = join(network.runtimeDir, 'gateways/haidian/data/materials', hash.slice(0, 2), hash);
    writeFileSync(stored, Buffer.concat([bytes, Buffer.from('% altered\n')]));
    const answer = await foshan.get('reviewer', `/cases/${id}/materials/${hash}`);
    expect(answer.status).toBe(502);
    expect(answer.body.code).toBe('MATERIAL_HASH_MISMATCH');
    expect(answer.body.detail).toContain(`not ${hash} as recorded on the ledger; it was refused and not stored`);
    const again = await foshan.get('reviewer', `/cases/${id}/materials/${hash}`);
    expect(again.body.code).toBe('MATERIAL_HASH_MISMATCH');
  });

  it('refuses an upload of a type it does not accept or whose content is not what it claims', async () => {
    expect((await uploadAt(haidian, 'clerk', '/materials', 'POST', Buffer.from('plain'), 'text/plain')).body.code).toBe('MEDIA_TYPE_NOT_ALLOWED');
    expect((await uploadAt(haidian, 'clerk', '/materials', 'POST', Buffer.from('not a pdf'))).body.code).toBe('CONTENT_MISMATCH');
  });

  it("lets Tianjin fetch and verify a result's document from Foshan", async () => {
    const document = pdf(`${run}-licence`);
    const id = `HD-MAT-${run}-3`;
    const uploaded = (await uploadAt(haidian, 'clerk', '/materials', 'POST', pdf(`${run}-form-3`))).body;
    await receiveCase(id, [entry(uploaded)]);
    await haidian.post('clerk', `/cases/${id}/verification`);
    await foshan.post('reviewer', `/cases/${id}/acceptance`);
    await foshan.post('reviewer', `/cases/${id}/approval`);
    const certificate = `JY-DOC-${run}`;
    await foshan.post('reviewer', `/cases/${id}/result`, { certificateNumber: certificate, documentSha256: sha256(document) });
    const wrong = await uploadAt(foshan, 'reviewer', `/results/${certificate}/document`, 'PUT', pdf('another document'));
    expect(wrong).toMatchObject({ status: 409, body: { code: 'MATERIAL_HASH_MISMATCH' } });
    expect((await uploadAt(foshan, 'reviewer', `/results/${certificate}/document`, 'PUT', document)).status).toBe(200);
    const fetched = await tianjin.fetch(`/results/${certificate}/document`, { headers: { 'x-api-key': tianjin.apiKey('clerk') } });
    expect(fetched.status).toBe(200);
    expect(Buffer.from(await fetched.arrayBuffer()).equals(document)).toBe(true);
  });
});
