/**
 * fabric-shim parses the caller's certificate on every transaction
 * (ClientIdentity, with @fidm/x509's pure-JavaScript parser) to find its
 * subject, issuer and attributes. Callers sign transaction after transaction
 * with the same few certificates (a city's role users and staff): each PEM is
 * parsed once here and its parsed certificate kept, the most recently used
 * MAX_CERTIFICATES of them. ClientIdentity only reads what it is given.
 */
import { createRequire } from 'node:module';

/** Certificates kept parsed at once; past that the least recently used is dropped. */
export const MAX_CERTIFICATES = 1000;

interface CertificateClass {
  fromPEM: (pem: Buffer | string) => unknown;
  [KEPT]?: true;
}

const KEPT = Symbol('tongban: parsed certificates kept');

/** Makes the shim parse each client certificate once. */
export function parseClientCertificatesOnce(): void {
  // The shim's own copy of @fidm/x509, whichever package manager layout installed it.
  const { Certificate } = createRequire(require.resolve('fabric-shim'))('@fidm/x509') as { Certificate: CertificateClass };
  if (Certificate[KEPT]) {
    return;
  }
  const { fromPEM } = Certificate;
  const parsed = new Map<string, unknown>();
  Certificate[KEPT] = true;
  Certificate.fromPEM = (pem: Buffer | string): unknown => {
    const key = typeof pem === 'string' ? pem : pem.toString('latin1');
    let certificate = parsed.get(key);
    if (certificate === undefined) {
      certificate = fromPEM(pem);
      if (parsed.size >= MAX_CERTIFICATES) parsed.delete(parsed.keys().next().value as string);
    } else {
      parsed.delete(key);
    }
    // Re-inserted: a Map iterates in insertion order, so the first key is the least recently used.
    parsed.set(key, certificate);
    return certificate;
  };
}
