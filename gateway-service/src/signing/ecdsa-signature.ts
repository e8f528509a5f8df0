/**
 * A P-256 signature as WebCrypto makes it, turned into the form Fabric
 * accepts. WebCrypto's ECDSA returns r and s side by side (IEEE P1363, 64
 * bytes for P-256); Fabric wants an ASN.1 DER SEQUENCE of two INTEGERs, with
 * s in the lower half of the curve's order ("low S"), or it refuses the
 * signature as malleable. Plain TypeScript without Node's modules, so the
 * browser console and the tests share it.
 */

import { sequence, unsignedInteger } from './der';

/** The order n of P-256's base point. */
const P256_ORDER = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');
const HALF_ORDER = P256_ORDER >> BigInt(1);
const COORDINATE_BYTES = 32;

const toBigInt = (bytes: Uint8Array): bigint => bytes.reduce((value, byte) => (value << BigInt(8)) | BigInt(byte), BigInt(0));

function toBytes(value: bigint): Uint8Array {
  const hex = value.toString(16);
  const padded = hex.length % 2 === 0 ? hex : `0${hex}`;
  return Uint8Array.from(padded.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

/** DER of an ECDSA P-256 signature given as r||s (WebCrypto's form), with s made low. */
export function p1363ToLowSDer(signature: Uint8Array): Uint8Array {
  if (signature.length !== 2 * COORDINATE_BYTES) {
    throw new Error(`a P-256 signature from WebCrypto has ${2 * COORDINATE_BYTES} bytes (r||s), not ${signature.length}`);
  }
  const r = toBigInt(signature.subarray(0, COORDINATE_BYTES));
  const highS = toBigInt(signature.subarray(COORDINATE_BYTES));
  const s = highS > HALF_ORDER ? P256_ORDER - highS : highS;
  return sequence(unsignedInteger(toBytes(r)), unsignedInteger(toBytes(s)));
}
