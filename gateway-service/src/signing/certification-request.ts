/**
 * A PKCS #10 certification request (RFC 2986) for a P-256 key, as a staff
 * member's browser makes one to enrol at their city's CA: the key pair stays
 * in the browser (WebCrypto, not extractable), only the request travels.
 * Plain TypeScript without Node's modules, so the console and the tests share it.
 */

/** A DER length: short form below 128, else the long form. */
function derLength(length: number): number[] {
  if (length < 0x80) return [length];
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return [0x80 | bytes.length, ...bytes];
}

const der = (tag: number, ...contents: Uint8Array[]): Uint8Array => {
  const body = contents.flatMap((part) => [...part]);
  return Uint8Array.from([tag, ...derLength(body.length), ...body]);
};

const SEQUENCE = 0x30;
const SET = 0x31;
const OID_COMMON_NAME = Uint8Array.of(0x06, 0x03, 0x55, 0x04, 0x03); // 2.5.4.3
const OID_ECDSA_WITH_SHA256 = Uint8Array.of(0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02); // 1.2.840.10045.4.3.2

/** The DER of the part of a request that its key signs: version 0, subject CN, public key, no attributes. */
export function certificationRequestInfo(commonName: string, subjectPublicKeyInfo: Uint8Array): Uint8Array {
  const utf8 = der(0x0c, new TextEncoder().encode(commonName));
  const subject = der(SEQUENCE, der(SET, der(SEQUENCE, OID_COMMON_NAME, utf8)));
  const version = Uint8Array.of(0x02, 0x01, 0x00);
  const noAttributes = Uint8Array.of(0xa0, 0x00);
  return der(SEQUENCE, version, subject, subjectPublicKeyInfo, noAttributes);
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
  const algorithm = der(SEQUENCE, OID_ECDSA_WITH_SHA256);
  return pem('CERTIFICATE REQUEST', der(SEQUENCE, info, algorithm, der(0x03, Uint8Array.of(0x00), signature)));
}
