import { generateKeyPairSync, verify } from 'node:crypto';
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

  it('signs messages so that the public key verifies them, always with a low S as Fabric requires', async () => {
    const sign = await signerOf(user);
    const key = { key: publicKey, dsaEncoding: 'der' as const };
    const halfOrder = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551') / BigInt(2);
    for (let index = 0; index < 64; index += 1) {
      const message = Buffer.from(`proposal ${index}`);
      const signature = Buffer.from(await sign(message));
      expect(verify('sha256', message, key, signature)).toBe(true);
      expect(verify('sha256', Buffer.from('another proposal'), key, signature)).toBe(false);
      // DER: 0x30 len 0x02 rlen r 0x02 slen s
      const rLength = signature[3];
      const s = signature.subarray(4 + rLength + 2);
      expect(BigInt(`0x${s.toString('hex')}`) <= halfOrder).toBe(true);
    }
  });
});
