import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CityClient, threeCities } from '../integration/http';
import { city, credentialsOf, GatewayPool, loadNetwork, NetworkDescription, receiveProposal, saltOf, submitRetrying } from '../integration/network';

/**
 * A city joins the running network (`network.sh add-city`) while Haidian and
 * Foshan go on receiving cases: every case acknowledged during the join is on
 * the ledger once, none fails; then a case between the new city and Foshan
 * runs from receipt to delivery through the new city's own gateway (Foshan's
 * gateway fetching its material from the new city's over mutual TLS), and a
 * third city cannot read its applicant. Then the city leaves
 * (`network.sh remove-city`): its users and its gateway are refused, its case stays.
 */
const exec = promisify(execFile);
const networkScript = join(__dirname, '../../../scripts/network.sh');
const before = loadNetwork();
const { haidian, foshan, HAIDIAN, FOSHAN } = threeCities(before);
const run = Date.now().toString(36).toUpperCase();
// A new city each run: a reused network keeps the cities earlier runs added.
const NEW_CITY = { key: `changsha${run.toLowerCase().slice(-6)}`, mspId: `Changsha${run}MSP`, name: 'Changsha' };
const ITEM = `FS-JOIN-${run}`;
const material = { name: 'Application form', sha256: 'e5'.repeat(32), size: 2048, mediaType: 'application/pdf', location: 'store://x/e5' };
const applicant = { name: '钱七', idNumber: '430102199004041234', phone: '13600000000', address: '湖南省长沙市芙蓉区五一大道1号' };
const pool = new GatewayPool(before);

afterAll(() => {
  pool.close();
});

async function expectStatus(answer: Promise<{ status: number; body: unknown }>, status: number, what: string): Promise<Record<string, unknown>> {
  const { status: got, body } = await answer;
  if (got !== status) throw new Error(`${what}: HTTP ${got} ${JSON.stringify(body)}`);
  return body as Record<string, unknown>;
}

/** An active agreement of `parties` covering Foshan's item, proposed by the first party's admin and signed by the others'. */
async function agreementOf(agreement: string, parties: CityClient[]): Promise<void> {
  await expectStatus(
    parties[0].post('admin', '/agreements', {
      id: agreement,
      title: `Agreement ${agreement}`,
      parties: parties.map((party) => party.city.mspId),
      serviceItems: [{ ownerMsp: FOSHAN, code: ITEM }],
      validFrom: '2026-01-01',
      validUntil: '2099-12-31',
    }),
    201,
    `proposing ${agreement}`,
  );
  for (const party of parties.slice(1)) await expectStatus(party.post('admin', `/agreements/${agreement}/signatures`), 201, `signing ${agreement}`);
}

/**
 * Haidian's clerk receives cases for Foshan, directly through Haidian's peer,
 * until `stop` resolves; a transaction invalidated by the new chaincode
 * definition, or whose submission failed, is submitted again, as the
 * gateway's retry policy does (the read-back below checks each case once).
 */
async function receiveUntil(stop: Promise<unknown>, agreement: string): Promise<{ acknowledged: string[]; failures: string[] }> {
  const cases = await pool.contract('haidian', credentialsOf(haidian.city, 'clerk'), 'Cases');
  const acknowledged: string[] = [];
  const failures: string[] = [];
  let stopped = false;
  void stop.finally(() => (stopped = true));
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (!stopped) {
        const id = `HD-JOIN-${run}-${next++}`;
        try {
          await submitRetrying(
            cases,
            'Receive',
            receiveProposal({
              id,
              item: { ownerMsp: FOSHAN, code: ITEM },
              agreement,
              material,
              applicant: { ...applicant, salt: saltOf(id) },
              endorsingOrganizations: [HAIDIAN, FOSHAN],
            }),
          );
          acknowledged.push(id);
        } catch (error) {
          // A resubmission refused because the case exists: an earlier attempt, whose answer was lost, committed it.
          const message = (error as Error).message;
          if (message.includes(`case ${id} already exists (RECEIVED, received by ${HAIDIAN})`)) acknowledged.push(id);
          else failures.push(`${id}: ${message}`);
        }
      }
    }),
  );
  return { acknowledged, failures };
}

describe('network.sh add-city', () => {
  let after: NetworkDescription;
  let load: { acknowledged: string[]; failures: string[] };

  beforeAll(async () => {
    await expectStatus(
      foshan.put('admin', `/catalogue/${FOSHAN}/items/${ITEM}`, {
        name: 'Food business licence',
        materials: [{ name: 'Application form', mandatory: true }],
        promisedDays: 15,
        resultType: 'licence',
      }),
      200,
      'publishing the item',
    );
    await agreementOf(`AGR-JOIN-OLD-${run}`, [haidian, foshan]);
    const adding = exec('bash', [networkScript, 'add-city', NEW_CITY.key, NEW_CITY.mspId, NEW_CITY.name], {
      env: { ...process.env, TONGBAN_RUNTIME_DIR: before.runtimeDir },
      timeout: 900_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    load = await receiveUntil(adding, `AGR-JOIN-OLD-${run}`);
    await adding;
    after = loadNetwork();
  });

  it('keeps the old cities working: every case acknowledged during the join is recorded once, and none failed', async () => {
    expect(load.failures).toEqual([]);
    expect(load.acknowledged.length).toBeGreaterThan(0);
    const reader = await pool.contract('foshan', credentialsOf(foshan.city, 'auditor'), 'Cases');
    for (const id of load.acknowledged) {
      const record = JSON.parse(Buffer.from(await reader.evaluateTransaction('GetCase', id)).toString('utf8')) as { id: string; status: string };
      expect(record).toMatchObject({ id, status: 'RECEIVED' });
    }
  });

  it('describes the new city with its own gateway and channel membership', () => {
    const added = city(after, NEW_CITY.key);
    expect(added.mspId).toBe(NEW_CITY.mspId);
    expect(after.cities.map((entry) => entry.key)).toEqual([...before.cities.map((entry) => entry.key), NEW_CITY.key]);
  });

  it('runs a case between the new city and Foshan from receipt to delivery, which a third city cannot open', async () => {
    const changsha = new CityClient(city(after, NEW_CITY.key));
    const foshanNow = new CityClient(city(after, 'foshan'));
    const haidianNow = new CityClient(city(after, 'haidian'));
    const agreement = `AGR-JOIN-NEW-${run}`;
    await agreementOf(agreement, [changsha, foshanNow]);
    const id = `CS-${run}`;
    // The application form, kept by the new city's gateway.
    const form = Buffer.from(`%PDF-1.4\n% ${id} application form\n%%EOF\n`);
    const upload = new FormData();
    upload.append('file', new Blob([new Uint8Array(form)], { type: 'application/pdf' }), 'form.pdf');
    const uploaded = await changsha.fetch('/materials', { method: 'POST', headers: { 'x-api-key': changsha.apiKey('clerk') }, body: upload });
    expect(uploaded.status).toBe(201);
    const stored = (await uploaded.json()) as { sha256: string; size: number; mediaType: string; location: string };
    expect(stored.sha256).toBe(createHash('sha256').update(form).digest('hex'));
    const received = await expectStatus(
      changsha.post('clerk', '/cases', {
        id,
        agreementId: agreement,
        serviceItem: { ownerMsp: FOSHAN, code: ITEM },
        materials: [{ ...stored, name: 'Application form' }],
        applicant,
      }),
      201,
      'receiving',
    );
    expect(received).toMatchObject({ receivingMsp: NEW_CITY.mspId, handlingMsp: FOSHAN, status: 'RECEIVED' });
    await expectStatus(changsha.post('clerk', `/cases/${id}/verification`), 200, 'verifying');
    await expectStatus(foshanNow.post('reviewer', `/cases/${id}/acceptance`), 200, 'accepting');
    const seen = await expectStatus(foshanNow.get('reviewer', `/cases/${id}/applicant`), 200, 'reading the applicant');
    expect(seen).toMatchObject({ name: applicant.name, idNumber: applicant.idNumber });
    // Foshan's gateway fetches the form from the new city's, each trusting the other by the channel's configuration.
    const fetched = await foshanNow.fetch(`/cases/${id}/materials/${stored.sha256}`, { headers: { 'x-api-key': foshanNow.apiKey('reviewer') } });
    expect(fetched.status).toBe(200);
    expect(Buffer.from(await fetched.arrayBuffer()).equals(form)).toBe(true);
    await expectStatus(foshanNow.post('reviewer', `/cases/${id}/approval`), 200, 'approving');
    await expectStatus(
      foshanNow.post('reviewer', `/cases/${id}/result`, { certificateNumber: `JY-${id}`, documentSha256: 'f6'.repeat(32) }),
      200,
      'issuing',
    );
    const delivered = await expectStatus(changsha.post('clerk', `/cases/${id}/delivery`), 200, 'delivering');
    expect(delivered.status).toBe('DELIVERED');
    const outsider = await haidianNow.get('auditor', `/cases/${id}/applicant`);
    expect(outsider.status).toBe(403);
  });
});

describe('network.sh remove-city', () => {
  let joined: NetworkDescription;
  let after: NetworkDescription;

  beforeAll(async () => {
    joined = loadNetwork();
    await exec('bash', [networkScript, 'remove-city', NEW_CITY.key], {
      env: { ...process.env, TONGBAN_RUNTIME_DIR: before.runtimeDir },
      timeout: 900_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    after = loadNetwork();
  });

  it('no longer describes the city', () => {
    expect(after.cities.map((entry) => entry.key)).not.toContain(NEW_CITY.key);
  });

  it("refuses the city's users at the other cities' peers, and keeps the case it took part in", async () => {
    const formerPool = new GatewayPool(joined);
    try {
      const asFormerClerk = await formerPool.contract('foshan', credentialsOf(city(joined, NEW_CITY.key), 'clerk'), 'Cases');
      const refusal = await asFormerClerk.evaluateTransaction('GetCase', `CS-${run}`).then(
        () => 'answered',
        (error: unknown) => JSON.stringify(error, Object.getOwnPropertyNames(error)),
      );
      expect(refusal).toMatch(/access denied|creator org/);
    } finally {
      formerPool.close();
    }
    const kept = await expectStatus(new CityClient(city(after, 'foshan')).get('auditor', `/cases/CS-${run}`), 200, 'reading the case');
    expect(kept).toMatchObject({ receivingMsp: NEW_CITY.mspId, status: 'DELIVERED' });
  });

  it("refuses the city's gateway at the partner routes of the cities that stay: its TLS CA left the channel's configuration", async () => {
    const former = city(joined, NEW_CITY.key).gateway;
    const refused = await new CityClient(city(after, 'foshan')).fetch(
      `/partner/results/JY-CS-${run}/document`,
      {},
      { cert: readFileSync(former.tlsCertificate), key: readFileSync(former.tlsPrivateKey) },
    );
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ code: 'CLIENT_CERTIFICATE_UNTRUSTED' });
  });

  it('lets the cities that stay go on with a new case', async () => {
    const id = `HD-LEFT-${run}`;
    const received = await expectStatus(
      new CityClient(city(after, 'haidian')).post('clerk', '/cases', {
        id,
        agreementId: `AGR-JOIN-OLD-${run}`,
        serviceItem: { ownerMsp: FOSHAN, code: ITEM },
        materials: [material],
        applicant,
      }),
      201,
      'receiving after the removal',
    );
    expect(received).toMatchObject({ receivingMsp: HAIDIAN, handlingMsp: FOSHAN, status: 'RECEIVED' });
  });
});
