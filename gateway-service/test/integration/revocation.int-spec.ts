import { EndorseError, ProposalOptions, type SubmitError, Transaction } from '@hyperledger/fabric-gateway';
import { execFile } from 'node:child_process';
import { mkdtemp, open, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROLE_ATTRIBUTE } from '@tongban/chaincode/domain';
import { UserCredentials } from '../../src/fabric/connection';
import { setUpAgreement, threeCities } from './http';
import { credentialsOf, GatewayPool, loadNetwork, receiveProposal, saltOf } from './network';
import { expectRefusedAsNoWriter } from './orderer-refusals';

/**
 * Revoking one person's certificate on the real network: a new member of
 * Haidian's staff, enrolled at Haidian's CA, signs a case; once
 * `network.sh revoke` has put the CA's new CRL into HaidianMSP of the
 * channel, every transaction they sign is refused, while Haidian's role users,
 * its gateway and the other cities go on as before.
 */
const network = loadNetwork();
const cities = threeCities(network);
const { haidian, foshan, tianjin, FOSHAN } = cities;
const pool = new GatewayPool(network);
const run = Date.now().toString(36).toUpperCase();
const STAFF = `staff-${run.toLowerCase()}`;
const ITEM = `FS-REVOKE-${run}`;
const AGREEMENT = `AGR-REVOKE-${run}`;
const bothCities = { endorsingOrganizations: [haidian.city.mspId, FOSHAN] };
const decode = (bytes: Uint8Array): unknown => JSON.parse(Buffer.from(bytes).toString('utf8'));
const exec = promisify(execFile);
const networkScript = join(__dirname, '../../../scripts/network.sh');

const applicant = { name: '赵六', idNumber: '110108199003031234', phone: '13700000000', address: '北京市海淀区中关村大街1号' };
/** Receiving case `id` at Haidian, endorsed by Haidian and Foshan. */
const receiving = (id: string): ProposalOptions =>
  receiveProposal({
    id,
    item: { ownerMsp: FOSHAN, code: ITEM },
    agreement: AGREEMENT,
    material: { name: 'Application form', sha256: 'd4'.repeat(32), size: 1024, mediaType: 'application/pdf', location: 'store://haidian/d4' },
    applicant: { ...applicant, salt: saltOf(id) },
    ...bothCities,
  });
const receive = async (user: UserCredentials, id: string) => (await pool.contract('haidian', user, 'Cases')).submit('Receive', receiving(id));

/** `network.sh revoke CITY USER ...` against the network the tests use. */
const revoke = (...args: string[]) =>
  exec('bash', [networkScript, 'revoke', ...args], { env: { ...process.env, TONGBAN_RUNTIME_DIR: network.runtimeDir }, timeout: 120_000 });

/** What was written to a file from `offset` on. */
async function readFrom(path: string, offset: number): Promise<string> {
  const file = await open(path);
  try {
    const { size } = await file.stat();
    const { buffer, bytesRead } = await file.read(Buffer.alloc(size - offset), 0, size - offset, offset);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await file.close();
  }
}

/** Registers and enrols a Haidian staff member with the clerk role, as the CA's registrar. */
async function enrolStaff(home: string): Promise<UserCredentials> {
  const description = haidian.city;
  const ca = (...args: string[]) =>
    exec(join(network.fabricBin, 'fabric-ca-client'), [...args, '--caname', description.ca.name, '--tls.certfiles', description.tlsRootCert], {
      env: { ...process.env, FABRIC_CA_CLIENT_HOME: home },
    });
  const secret = `s${run}`;
  await ca(
    'register',
    '-u',
    description.ca.url,
    '--mspdir',
    join(network.runtimeDir, 'orgs/haidian/ca/registrar-msp'),
    '--id.name',
    STAFF,
    '--id.secret',
    secret,
    '--id.type',
    'client',
    '--id.attrs',
    `${ROLE_ATTRIBUTE}=clerk:ecert`,
  );
  const msp = join(home, 'msp');
  await ca('enroll', '-u', description.ca.url.replace('https://', `https://${STAFF}:${secret}@`), '--mspdir', msp);
  const [key] = await readdir(join(msp, 'keystore'));
  return { mspId: description.mspId, certificatePath: join(msp, 'signcerts/cert.pem'), privateKeyPath: join(msp, 'keystore', key) };
}

describe("revoking one person's certificate", () => {
  let home: string;
  let staff: UserCredentials;
  /** A case the staff member signed and had endorsed, but did not submit before leaving. */
  let endorsedBeforeRevocation: Transaction;

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'tongban-staff-'));
    [staff] = await Promise.all([enrolStaff(home), setUpAgreement(cities, ITEM, AGREEMENT)]);
  });

  afterAll(async () => {
    pool.close();
    await rm(home, { recursive: true, force: true });
  });

  it('lets a newly enrolled staff member sign a case, with the role their certificate carries', async () => {
    const received = decode(await receive(staff, `HD-RV-${run}-1`)) as { status: string; timeline: { action: string; mspId: string }[] };
    expect(received).toMatchObject({ status: 'RECEIVED', timeline: [{ action: 'receive', mspId: haidian.city.mspId }] });
    endorsedBeforeRevocation = await (await pool.contract('haidian', staff, 'Cases')).newProposal('Receive', receiving(`HD-RV-${run}-5`)).endorse();
  });

  it('refuses to revoke a role user the gateway signs with, unless forced', async () => {
    const refusal = await revoke('haidian', 'clerk').then(
      () => undefined,
      (caught: unknown) => caught as { code?: number; stderr?: string },
    );
    expect(refusal?.code).toBe(1);
    expect(refusal?.stderr).toContain("error: clerk is an identity haidian's network runs on");
    expect(refusal?.stderr).toContain('Add --force to revoke it anyway.');
  });

  it("revokes the staff member's certificate at Haidian's CA and in the channel, changing nothing else", async () => {
    const { stdout } = await revoke('haidian', STAFF);
    expect(stdout).toContain(`Revoking the certificates of ${STAFF} at ${haidian.city.ca.name}`);
    expect(stdout).toContain(`signed and submitted by the admin of ${haidian.city.mspId}`);
    expect(stdout).toMatch(/every peer applies channel configuration \d+/);

    // The update's files: the configuration before and after differ in Haidian's CRL only.
    const updateDir = /\(update files: (.+)\)/.exec(stdout)?.[1];
    if (updateDir === undefined) throw new Error(`no update folder in: ${stdout}`);
    const [before, after] = await Promise.all(
      ['config.json', 'modified.json'].map(async (file) => JSON.parse(await readFile(join(updateDir, file), 'utf8')) as ChannelConfig),
    );
    const haidianMsp = (config: ChannelConfig) => config.channel_group.groups.Application.groups[haidian.city.mspId].values.MSP.value.config;
    const [crl] = haidianMsp(after).revocation_list;
    expect(haidianMsp(after).revocation_list).toHaveLength(1);
    expect(Buffer.from(crl, 'base64').toString('utf8')).toMatch(/^-----BEGIN X509 CRL-----/);
    haidianMsp(before).revocation_list = [];
    haidianMsp(after).revocation_list = [];
    expect(after).toEqual(before);
  });

  it('refuses every proposal the revoked certificate signs, submitted or evaluated, and the peer says why', async () => {
    const peerLog = join(network.runtimeDir, 'logs', `${haidian.city.peers[0].name}.log`);
    const logSize = (await stat(peerLog)).size;
    const attempt = receive(staff, `HD-RV-${run}-2`);
    await expect(attempt).rejects.toBeInstanceOf(EndorseError);
    const error = (await attempt.catch((caught: unknown) => caught)) as EndorseError;
    expect(error.details.map((detail) => ({ mspId: detail.mspId, message: detail.message }))).toContainEqual({
      mspId: haidian.city.mspId,
      message: `error validating proposal: access denied: channel [${network.channel}] creator org [${haidian.city.mspId}]`,
    });
    const read = (await pool.contract('haidian', staff, 'Cases')).evaluateTransaction('GetCase', `HD-RV-${run}-1`);
    await expect(read).rejects.toMatchObject({
      name: 'GatewayError',
      details: [
        {
          mspId: haidian.city.mspId,
          message: `error validating proposal: access denied: channel [${network.channel}] creator org [${haidian.city.mspId}]`,
        },
      ],
    });
    // The peer keeps the reason to itself, in its log: the certificate is on the channel's CRL.
    const log = await readFrom(peerLog, logSize);
    const refusals = log.split('\n').filter((line) => line.includes(`CN=${STAFF},`) && line.includes('access denied: identity is not valid'));
    expect(refusals).not.toHaveLength(0);
    for (const refusal of refusals) expect(refusal).toContain('The certificate has been revoked');
  });

  it('refuses at the ordering service a transaction endorsed before the revocation and submitted after', async () => {
    const error = (await endorsedBeforeRevocation.submit().catch((caught: unknown) => caught)) as SubmitError;
    // Each orderer checks the envelope's signer against the channel's Writers: the revoked certificate satisfies none.
    expectRefusedAsNoWriter(error, network.ordererType);
  });

  it("keeps Haidian's role users, its gateway and the other cities working", async () => {
    const received = decode(await receive(credentialsOf(haidian.city, 'clerk'), `HD-RV-${run}-3`)) as { status: string };
    expect(received.status).toBe('RECEIVED');

    const overHttp = await haidian.post('clerk', '/cases', {
      id: `HD-RV-${run}-4`,
      serviceItem: { ownerMsp: FOSHAN, code: ITEM },
      agreementId: AGREEMENT,
      materials: [{ name: 'Application form', sha256: 'e5'.repeat(32), size: 2048, mediaType: 'application/pdf', location: 'store://haidian/e5' }],
      applicant,
    });
    expect(overHttp.status).toBe(201);
    // The case the staff member signed before leaving goes on: Foshan works it.
    expect((await haidian.post('clerk', `/cases/HD-RV-${run}-1/verification`)).body.status).toBe('FORWARDED');
    expect((await foshan.post('reviewer', `/cases/HD-RV-${run}-1/acceptance`)).body.status).toBe('ACCEPTED');
    expect((await tianjin.get('auditor', `/agreements/${AGREEMENT}`)).body.status).toBe('ACTIVE');
  });
});

/** The parts of a decoded channel configuration this test reads. */
interface ChannelConfig {
  channel_group: {
    groups: { Application: { groups: Record<string, { values: { MSP: { value: { config: { revocation_list: string[] } } } } }> } };
  };
}
