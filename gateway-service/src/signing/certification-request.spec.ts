import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { certificationRequest } from './certification-request';

describe('certificationRequest', () => {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
  const signWithKey = (data: Uint8Array) => Promise.resolve(new Uint8Array(sign('sha256', data, { key: privateKey, dsaEncoding: 'der' })));

  /** What openssl reads in the request, with its verdict on the request's signature. */
  function opensslReads(requestPem: string): string {
    const directory = mkdtempSync(join(tmpdir(), 'csr-'));
    try {
      writeFileSync(join(directory, 'request.pem'), requestPem);
      const run = spawnSync('openssl', ['req', '-in', join(directory, 'request.pem'), '-verify', '-noout', '-subject', '-pubkey'], {
        encoding: 'utf8',
      });
      return `${run.stdout}${run.stderr}`;
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  }

  it('makes a request that openssl verifies, for the subject and the key given', async () => {
    const request = await certificationRequest('staff-4f2a9c', spki, signWithKey);
    expect(request).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE REQUEST-----\n$/);
    const read = opensslReads(request);
    expect(read).toContain('self-signature verify OK');
    expect(read).toContain('subject=CN');
    expect(read).toContain('staff-4f2a9c');
    expect(read).toContain(publicKey.export({ type: 'spki', format: 'pem' }).toString().trim());
  });

  it('encodes a long subject with DER long-form lengths', async () => {
    const name = `staff-${'x'.repeat(150)}`;
    const read = opensslReads(await certificationRequest(name, spki, signWithKey));
    expect(read).toContain('self-signature verify OK');
    expect(read).toContain(name);
  });

  it('makes a request openssl refuses when the signature is not the key’s', async () => {
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const forged = await certificationRequest('staff-4f2a9c', spki, (data) =>
      Promise.resolve(new Uint8Array(sign('sha256', data, { key: other, dsaEncoding: 'der' }))),
    );
    const read = opensslReads(forged);
    expect(read).toContain('self-signature verify failure');
    expect(read).not.toContain('verify OK');
  });
});
