import { generateKeyPairSync, verify } from 'node:crypto';
import { authorizationToken } from './ca-client';

describe('authorizationToken', () => {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const certificate = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
  const body = JSON.stringify({ id: 'staff-1', type: 'client' });
  const b64 = (text: string) => Buffer.from(text).toString('base64');

  it('is the certificate and a signature over method, path, body and certificate, as Fabric CA checks it', () => {
    const [certificatePart, signaturePart, ...rest] = authorizationToken('POST', '/api/v1/register', body, certificate, privateKey).split('.');
    expect(rest).toEqual([]);
    expect(Buffer.from(certificatePart, 'base64').toString()).toBe(certificate);
    const payload = `POST.${b64('/api/v1/register')}.${b64(body)}.${b64(certificate)}`;
    expect(verify('sha256', Buffer.from(payload), publicKey, Buffer.from(signaturePart, 'base64'))).toBe(true);
    // Another path or body is another payload: the signature does not carry over.
    const otherPath = `POST.${b64('/api/v1/revoke')}.${b64(body)}.${b64(certificate)}`;
    expect(verify('sha256', Buffer.from(otherPath), publicKey, Buffer.from(signaturePart, 'base64'))).toBe(false);
  });

  it('signs with a low S, as Fabric refuses the other form', () => {
    const halfOrder = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551') >> BigInt(1);
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const signature = Buffer.from(authorizationToken('POST', '/api/v1/revoke', body, certificate, privateKey).split('.')[1], 'base64');
      const rLength = signature[3];
      const sLength = signature[5 + rLength];
      const s = BigInt(`0x${signature.subarray(6 + rLength, 6 + rLength + sLength).toString('hex')}`);
      expect(s <= halfOrder).toBe(true);
    }
  });
});
