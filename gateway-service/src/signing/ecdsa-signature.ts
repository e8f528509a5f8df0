/**
 * A P-256 signature as WebCrypto makes it, turned into the form Fabric
 * accepts. WebCrypto's ECDSA returns r and s side by side (IEEE P1363, 64
 * bytes for P-256); Fabric wants an ASN.1 DER SEQUENCE of two INTEGERs, with
 * s in the lower half of the curve's order ("low S"), or it refuses the
 * signature as malleable. Plain TypeScript without Node's modules, so the
 * browser console and the tests share it.
 */

import { sequence, unsignedInteger } from './der';

/** The order n of P-256's base point, and half of it (rounded down), big-endian. */
const P256_ORDER = hexBytes('ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');
const HALF_ORDER = hexBytes('7fffffff800000007fffffffffffffffde737d56d38bcf4279dce5617e3192a8');
const COORDINATE_BYTES = 32;

function hexBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

/** Whether a > b, both big-endian of the same length. */
function greater(a: Uint8Array, b: Uint8Array): boolean {
  for (let index = 0; index < a.length; index += 1) {
    if (a[index] !== b[index]) return a[index] > b[index];
  }
  return false;
}

/** n − s, for s below n: byte by byte with a borrow (no bigint: this is on every transaction's signature). */
function orderMinus(s: Uint8Array): Uint8Array {
  const difference = new Uint8Array(COORDINATE_BYTES);
  let borrow = 0;
  for (let index = COORDINATE_BYTES - 1; index >= 0; index -= 1) {
    const byte = P256_ORDER[index] - s[index] - borrow;
    borrow = byte < 0 ? 1 : 0;
    difference[index] = byte & 0xff;
  }
  return difference;
}

/** DER of an ECDSA P-256 signature given as r||s (WebCrypto's form), with s made low. */
export function p1363ToLowSDer(signature: Uint8Array): Uint8Array {
  if (signature.length !== 2 * COORDINATE_BYTES) {
    throw new Error(`a P-256 signature from WebCrypto has ${2 * COORDINATE_BYTES} bytes (r||s), not ${signature.length}`);
  }
  const r = signature.subarray(0, COORDINATE_BYTES);
  const s = signature.subarray(COORDINATE_BYTES);
  return sequence(unsignedInteger(r), unsignedInteger(greater(s, HALF_ORDER) ? orderMinus(s) : s));
}
