import { EndorseError, GatewayError } from '@hyperledger/fabric-gateway';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { connectGateway, newGrpcClient } from '../../src/fabric/connection';
import { city, credentialsOf, GatewayPool, loadNetwork } from './network';

const network = loadNetwork();
const haidian = city(network, 'haidian');
const foshan = city(network, 'foshan');
const pool = new GatewayPool(network);
const decode = (bytes: Uint8Array): unknown => JSON.parse(Buffer.from(bytes).toString('utf8'));

afterAll(() => {
  pool.close();
});

describe('the test network', () => {
  const code = `IT-${Date.now().toString(36)}`;
  const item = {
    code,
    name: 'Integration test licence',
    materials: [{ name: 'Application form', mandatory: true }],
    promisedDays: 10,
    resultType: 'licence',
  };

  it('commits a transaction submitted by a city admin and lets another city evaluate it', async () => {
    const asHaidianAdmin = await pool.contract('haidian', credentialsOf(haidian, 'admin'), 'Catalogue');
    const published = decode(await asHaidianAdmin.submitTransaction('PublishServiceItem', JSON.stringify(item)));
    expect(published).toMatchObject({ ...item, ownerMsp: 'HaidianMSP', version: 1 });

    const asFoshanClerk = await pool.contract('foshan', credentialsOf(foshan, 'clerk'), 'Catalogue');
    const read = decode(await asFoshanClerk.evaluateTransaction('GetServiceItem', 'HaidianMSP', code));
    expect(read).toEqual(published);
  });

  it('refuses a catalogue change by a role other than admin, naming the role', async () => {
    const asHaidianClerk = await pool.contract('haidian', credentialsOf(haidian, 'clerk'), 'Catalogue');
    const attempt = asHaidianClerk.submitTransaction('PublishServiceItem', JSON.stringify({ ...item, code: `${code}-X` }));
    await expect(attempt).rejects.toBeInstanceOf(EndorseError);
    const error = (await attempt.catch((caught: unknown) => caught)) as EndorseError;
    expect(error.details.map((detail) => detail.message).join(' ')).toContain('[FORBIDDEN] role clerk of HaidianMSP may not publish a service item');
  });

  it('rejects a Haidian certificate presented as a Foshan identity', async () => {
    const impostor = credentialsOf(haidian, 'admin', 'FoshanMSP');
    const asImpostor = await pool.contract('foshan', impostor, 'Catalogue');
    const attempt = asImpostor.evaluateTransaction('GetServiceItem', 'HaidianMSP', code);
    await expect(attempt).rejects.toBeInstanceOf(GatewayError);
    const error = (await attempt.catch((caught: unknown) => caught)) as GatewayError;
    // The peer validates the creator against FoshanMSP's CA and refuses it.
    expect(error.message).toContain('access denied');
    const fromFoshan = error.details.filter((detail) => detail.mspId === 'FoshanMSP').map((detail) => detail.message);
    expect(fromFoshan.join('\n')).toContain('creator is malformed');
  });

  it("refuses to enrol a Haidian user at Foshan's CA", async () => {
    const secrets = await readFile(join(network.runtimeDir, 'orgs/haidian/ca/identities.secrets'), 'utf8');
    const clerkSecret = /^clerk=(.+)$/m.exec(secrets)?.[1];
    if (clerkSecret === undefined) throw new Error("no clerk in Haidian's identities.secrets");
    const home = await mkdtemp(join(tmpdir(), 'tongban-enrol-'));
    try {
      const enrolAtFoshan = promisify(execFile)(join(network.fabricBin, 'fabric-ca-client'), [
        'enroll',
        '-u',
        foshan.ca.url.replace('https://', `https://clerk:${clerkSecret}@`),
        '--caname',
        foshan.ca.name,
        '--tls.certfiles',
        foshan.tlsRootCert,
        '--mspdir',
        join(home, 'msp'),
      ]);
      const refusal = await enrolAtFoshan.then(
        () => undefined,
        (caught: unknown) => caught as { stderr?: string },
      );
      expect(refusal?.stderr).toMatch(/Authentication failure|401/);
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });

  it.each(network.cities.map((each) => each.key))(
    "gives %s's connection profile and Caliper configuration to other tools: they name its peers and an identity that reaches the ledger",
    async (key) => {
      const description = city(network, key);
      const profile = JSON.parse(await readFile(join(network.runtimeDir, 'connection-profiles', `${key}.json`), 'utf8')) as ConnectionProfile;
      const caliper = JSON.parse(await readFile(join(network.runtimeDir, 'caliper', `${key}.json`), 'utf8')) as CaliperNetwork;
      expect(profile.organizations[profile.client.organization]).toMatchObject({
        mspid: description.mspId,
        peers: description.peers.map((peer) => peer.name),
      });
      expect(caliper).toMatchObject({
        version: '2.0.0',
        caliper: { blockchain: 'fabric' },
        channels: [{ channelName: network.channel, contracts: [{ id: network.chaincode }] }],
      });
      const [organization] = caliper.organizations;
      expect(organization.mspid).toBe(description.mspId);
      expect(organization.connectionProfile.path).toBe(join(network.runtimeDir, 'connection-profiles', `${key}.json`));

      // A client that knows only these two files: the profile's first peer and its TLS root, the configuration's identity.
      // The peer's certificate names its host, so TLS verifies the address the profile gives.
      const peer = profile.peers[profile.organizations[profile.client.organization].peers[0]];
      const client = await newGrpcClient({
        endpoint: peer.url.replace(/^grpcs:\/\//, ''),
        tlsRootCertPath: peer.tlsCACerts.path,
      });
      const [user] = organization.identities.certificates;
      const credentials = { mspId: organization.mspid, certificatePath: user.clientSignedCert.path, privateKeyPath: user.clientPrivateKey.path };
      const gateway = await connectGateway(client, credentials);
      try {
        const counts = decode(await gateway.getNetwork(network.channel).getContract(network.chaincode, 'Cases').evaluateTransaction('CountCases'));
        expect(typeof counts).toBe('object');
      } finally {
        gateway.close();
        client.close();
      }
    },
  );
});

/** The fields of a Fabric common connection profile this test reads. */
interface ConnectionProfile {
  client: { organization: string };
  organizations: Record<string, { mspid: string; peers: string[] }>;
  peers: Record<string, { url: string; tlsCACerts: { path: string } }>;
}

/** The fields of a Caliper network configuration (2.0.0) this test reads. */
interface CaliperNetwork {
  organizations: {
    mspid: string;
    identities: { certificates: { name: string; clientPrivateKey: { path: string }; clientSignedCert: { path: string } }[] };
    connectionProfile: { path: string; discover: boolean };
  }[];
}
