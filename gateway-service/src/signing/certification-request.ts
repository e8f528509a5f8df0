/**
 * A PKCS #10 certification request (RFC 2986) for a P-256 key, as a staff
 * member's browser makes one to enrol at their city's CA: the key pair stays
 * in the browser (WebCrypto, not extractable), only the request travels.
 * Plain TypeScript without Node's modules, so the console and the tests share it.
 */
import { bitString, objectIdentifier, sequence, set, tlv, unsignedInteger, utf8String } from './der';

const COMMON_NAME = '2.5.4.3';
const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';

/** The DER of the part of a request that its key signs: version 0, subject CN, public key, no attributes. */
export function certificationRequestInfo(commonName: string, subjectPublicKeyInfo: Uint8Array): Uint8Array {
  const subject = sequence(set(sequence(objectIdentifier(COMMON_NAME), utf8String(commonName))));
  const version = unsignedInteger(Uint8Array.of(0));
  const noAttributes = tlv(0xa0);
  return sequence(version, subject, subjectPublicKeyInfo, noAttributes);
}

/** PEM of DER bytes, 64 characters a line. */
function pem(label: string, bytes: Uint8Array): string {
  const base64 = btoa(String.fromCharCode(...bytes));
  return `-----BEGIN ${label}-----\n${(base64.match(/.{1,64}/g) ?? []).join('\n')}\n-----END ${label}-----\n`;
}

/**
 * The request, in PEM, for the key whose SubjectPublicKeyInfo (DER) is given;
 * `sign` signs the bytes it is handed with that key (ECDSA with SHA-256,
 * DER-encoded, as `p1363ToLowSDer` makes WebCrypto's signatures).
 */
export async function certificationRequest(
  commonName: string,
  subjectPublicKeyInfo: Uint8Array,
  sign: (data: Uint8Array) => Promise<Uint8Array>,
): Promise<string> {
  const info = certificationRequestInfo(commonName, subjectPublicKeyInfo);
  const signature = await sign(info);
  const algorithm = sequence(objectIdentifier(ECDSA_WITH_SHA256));
  return pem('CERTIFICATE REQUEST', sequence(info, algorithm, bitString(signature)));
}
