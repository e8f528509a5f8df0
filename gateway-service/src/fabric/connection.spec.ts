import { createHash, generateKeyPairSync, verify } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { identityOf, signerOf, UserCredentials } from './connection';

describe('identity and signer from enrolled files', () => {
  let dir: string;
  let user: UserCredentials;
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tongban-identity-'));
    user = {
      mspId: 'HaidianMSP',
      certificatePath: join(dir, 'cert.pem'),
      privateKeyPath: join(dir, 'key.pem'),
    };
    await writeFile(user.certificatePath, 'certificate bytes as issued');
    await writeFile(user.privateKeyPath, privateKey.export({ format: 'pem', type: 'pkcs8' }));
  });

  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('presents the MSP ID with the certificate file as credentials', async () => {
    const identity = await identityOf(user);
    expect(identity.mspId).toBe('HaidianMSP');
    expect(Buffer.from(identity.credentials).toString()).toBe('certificate bytes as issued');
  });

  it('signs digests with the private key so that the public key verifies them', async () => {
    const sign = await signerOf(user);
    const digest = createHash('sha256').update('proposal').digest();
    const signature = await sign(digest);
    const key = { key: publicKey, dsaEncoding: 'der' as const };
    const valid = verify('sha256', Buffer.from('proposal'), key, signature);
    expect(valid).toBe(true);
    expect(verify('sha256', Buffer.from('another proposal'), key, signature)).toBe(false);
  });
});
