/**
 * X.509 certificates made in tests (node:crypto has no certificate builder):
 * P-256 keys, DER written by hand, signed with ECDSA-SHA256. Enough for CAs
 * and TLS certificates like those a Fabric CA issues with its tls profile, so
 * no key is ever committed. Not for production use.
 */
import { createHash, createPrivateKey, generateKeyPairSync, KeyObject, randomBytes, sign, X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { bitString, objectIdentifier, sequence, set, tlv, unsignedInteger, utf8String } from '../../src/signing/der';

/** A certificate with its private key, in the forms the tests need. */
export interface TestCertificate {
  pem: string;
  keyPem: string;
  key: KeyObject;
  x509: X509Certificate;
}

/** An issuer made elsewhere (a real city's CA, say): its certificate and private key, PEM. */
export interface ExternalIssuer {
  pem: string;
  keyPem: string;
}

export interface CertificateOptions {
  /** Common name; the organisation (O) is optional. */
  commonName: string;
  organisation?: string;
  /** Signed by this issuer; self-signed without. */
  issuer?: TestCertificate | ExternalIssuer;
  /** A CA (basicConstraints CA:TRUE, keyCertSign); a TLS leaf (serverAuth, clientAuth) otherwise. */
  ca?: boolean;
  /** Overrides basicConstraints' CA flag alone (a CA's key usages on a certificate marked CA:FALSE, say). */
  markedCa?: boolean;
  notBefore?: Date;
  notAfter?: Date;
  /** DNS names and IP addresses of a leaf's subjectAltName. */
  hosts?: string[];
  /** A leaf's extendedKeyUsage OIDs (serverAuth and clientAuth by default); null leaves the extension out. */
  extendedKeyUsage?: string[] | null;
}

const DAY_MS = 86_400_000;
/** extendedKeyUsage purposes: TLS server and client authentication. */
export const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
export const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';

const octets = (bytes: Uint8Array) => tlv(0x04, bytes);
const bool = (value: boolean) => tlv(0x01, Uint8Array.of(value ? 0xff : 0));

function time(date: Date): Uint8Array {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const year = date.getUTCFullYear();
  return year >= 1950 && year < 2050 ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`)) : tlv(0x18, Buffer.from(`${iso}Z`));
}

function name(commonName: string, organisation?: string): Uint8Array {
  const attribute = (type: string, value: string) => set(sequence(objectIdentifier(type), utf8String(value)));
  return sequence(...(organisation ? [attribute('2.5.4.10', organisation)] : []), attribute('2.5.4.3', commonName));
}

const extension = (id: string, critical: boolean, value: Uint8Array) =>
  sequence(objectIdentifier(id), ...(critical ? [bool(true)] : []), octets(value));

/** The elements of the DER SEQUENCE (or other constructed value) at the start of `der`, each whole. */
function elements(der: Buffer): Buffer[] {
  const header = (at: number): { start: number; end: number } => {
    const first = der[at + 1];
    if (first < 0x80) return { start: at + 2, end: at + 2 + first };
    const count = first & 0x7f;
    let size = 0;
    for (let index = 0; index < count; index += 1) size = size * 256 + der[at + 2 + index];
    return { start: at + 2 + count, end: at + 2 + count + size };
  };
  const outer = header(0);
  const found: Buffer[] = [];
  for (let at = outer.start; at < outer.end;) {
    const { end } = header(at);
    found.push(der.subarray(at, end));
    at = end;
  }
  return found;
}

/** The subject Name of a certificate, as DER, to name it as an issuer exactly. */
function subjectOf(certificate: X509Certificate): Buffer {
  const tbs = elements(certificate.raw)[0];
  const fields = elements(tbs);
  // [0] version, serial, signature algorithm, issuer, validity, subject.
  return fields[fields[0][0] === 0xa0 ? 5 : 4];
}

const keyId = (key: KeyObject) =>
  createHash('sha1')
    .update(key.export({ type: 'spki', format: 'der' }))
    .digest();

/** Makes a certificate (and its key) as the options say: by default a TLS leaf valid from yesterday for a year. */
export function makeCertificate(options: CertificateOptions): TestCertificate {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const notBefore = options.notBefore ?? new Date(Date.now() - DAY_MS);
  const notAfter = options.notAfter ?? new Date(notBefore.getTime() + 366 * DAY_MS);
  const issuer = options.issuer;
  const issuerX509 = issuer && ('x509' in issuer ? issuer.x509 : new X509Certificate(issuer.pem));
  const issuerKey = issuer ? ('key' in issuer ? issuer.key : createPrivateKey(issuer.keyPem)) : privateKey;
  const extensions = [
    extension('2.5.29.19', true, (options.markedCa ?? options.ca) ? sequence(bool(true)) : sequence()),
    // digitalSignature, keyEncipherment for a leaf; keyCertSign, cRLSign for a CA.
    extension('2.5.29.15', true, options.ca ? bitString(Buffer.from([0x06]), 1) : bitString(Buffer.from([0xa0]), 5)),
    extension('2.5.29.14', false, octets(keyId(publicKey))),
  ];
  // An issuer of the tests' own carries its key identifier; name one made elsewhere by its subject alone.
  if (issuer && 'key' in issuer) extensions.push(extension('2.5.29.35', false, sequence(tlv(0x80, keyId(issuer.x509.publicKey)))));
  if (!options.ca) {
    const purposes = options.extendedKeyUsage === undefined ? [SERVER_AUTH, CLIENT_AUTH] : options.extendedKeyUsage;
    if (purposes) extensions.push(extension('2.5.29.37', false, sequence(...purposes.map((purpose) => objectIdentifier(purpose)))));
    const hosts = options.hosts ?? [];
    if (hosts.length > 0) {
      const alternative = (host: string) =>
        isIP(host) === 4 ? tlv(0x87, Buffer.from(host.split('.').map(Number))) : tlv(0x82, Buffer.from(host, 'ascii'));
      extensions.push(extension('2.5.29.17', false, sequence(...hosts.map(alternative))));
    }
  }
  const subject = name(options.commonName, options.organisation);
  const algorithm = sequence(objectIdentifier('1.2.840.10045.4.3.2'));
  const tbs = sequence(
    tlv(0xa0, unsignedInteger(Buffer.from([2]))),
    unsignedInteger(randomBytes(16)),
    algorithm,
    issuerX509 ? subjectOf(issuerX509) : subject,
    sequence(time(notBefore), time(notAfter)),
    subject,
    publicKey.export({ type: 'spki', format: 'der' }),
    tlv(0xa3, sequence(...extensions)),
  );
  const der = sequence(tbs, algorithm, bitString(sign('sha256', tbs, issuerKey)));
  const pem = `-----BEGIN CERTIFICATE-----\n${(
    Buffer.from(der)
      .toString('base64')
      .match(/.{1,64}/g) ?? []
  ).join('\n')}\n-----END CERTIFICATE-----\n`;
  return { pem, keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), key: privateKey, x509: new X509Certificate(pem) };
}

/** A root CA of an organisation, self-signed. */
export const makeRootCa = (commonName: string, organisation?: string, validity: Partial<CertificateOptions> = {}): TestCertificate =>
  makeCertificate({ commonName, organisation, ca: true, ...validity });

/** A TLS server and client certificate for `hosts` (loopback by default), issued by `issuer`. */
export const makeTlsCertificate = (
  issuer: TestCertificate | ExternalIssuer,
  commonName: string,
  options: Partial<CertificateOptions> = {},
): TestCertificate => makeCertificate({ commonName, issuer, hosts: ['localhost', '127.0.0.1'], ...options });
