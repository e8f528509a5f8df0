import fc from 'fast-check';
import { createPublicKey, verify, webcrypto } from 'node:crypto';
import { p1363ToLowSDer } from './ecdsa-signature';

const P256_ORDER = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');

/** The s of a DER signature (SEQUENCE { INTEGER r, INTEGER s }). */
function sOf(der: Uint8Array): bigint {
  const rLength = der[3];
  const sStart = 4 + rLength + 2;
  return BigInt(`0x${Buffer.from(der.subarray(sStart, sStart + der[sStart - 1])).toString('hex')}`);
}

describe('p1363ToLowSDer', () => {
  it('turns WebCrypto signatures into DER that node:crypto verifies, always with a low s', async () => {
    const keys = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
    const spki = Buffer.from(await webcrypto.subtle.exportKey('spki', keys.publicKey));
    const publicKey = createPublicKey({ key: spki, format: 'der', type: 'spki' });
    let highSeen = 0;
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 300 }), async (message) => {
        const p1363 = new Uint8Array(await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keys.privateKey, message));
        if (BigInt(`0x${Buffer.from(p1363.subarray(32)).toString('hex')}`) > P256_ORDER >> BigInt(1)) highSeen += 1;
        const der = p1363ToLowSDer(p1363);
        expect(verify('sha256', message, publicKey, der)).toBe(true);
        expect(sOf(der) <= P256_ORDER >> BigInt(1)).toBe(true);
      }),
      { numRuns: 200 },
    );
    // Half of all signatures have a high s: the conversion was exercised, not just passed through.
    expect(highSeen).toBeGreaterThan(0);
  });

  it('makes s low exactly as n − s does, at half the order and next to it too', () => {
    const half = P256_ORDER >> BigInt(1);
    const bytesOf = (value: bigint) => Buffer.from(value.toString(16).padStart(64, '0'), 'hex');
    const expectLowS = (s: bigint) => {
      const der = p1363ToLowSDer(Uint8Array.from([...bytesOf(BigInt(1)), ...bytesOf(s)]));
      expect(sOf(der)).toBe(s > half ? P256_ORDER - s : s);
    };
    [BigInt(1), half, half + BigInt(1), P256_ORDER - BigInt(1)].forEach(expectLowS);
    fc.assert(fc.property(fc.bigInt({ min: BigInt(1), max: P256_ORDER - BigInt(1) }), expectLowS), { numRuns: 500 });
  });

  it('keeps leading zero bytes out of the integers and adds one where the top bit is set', () => {
    const r = new Uint8Array(32);
    r[31] = 0x7f;
    const s = new Uint8Array(32);
    s[1] = 0x80;
    expect(Buffer.from(p1363ToLowSDer(Uint8Array.of(...r, ...s))).toString('hex')).toBe(`302502017f02200080${'00'.repeat(30)}`);
  });

  it('refuses a signature that is not 64 bytes, naming the length', () => {
    expect(() => p1363ToLowSDer(new Uint8Array(70))).toThrow('not 70');
  });
});
