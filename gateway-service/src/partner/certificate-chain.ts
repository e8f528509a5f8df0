/**
 * Which organisation of the channel a TLS client certificate belongs to: the
 * one whose TLS root CA it chains to, directly or through one of its TLS
 * intermediate CAs, as the channel's configuration lists them. Pure (no I/O,
 * the time passed in): the partner guard and its tests call it alike.
 */
import { X509Certificate } from 'node:crypto';

/** An organisation as the channel's configuration states it: its MSP ID and its TLS CAs. */
export interface TlsOrganisation {
  mspId: string;
  roots: readonly X509Certificate[];
  intermediates: readonly X509Certificate[];
}

/** Why a client certificate identifies no organisation; each is answered 401 with this code. */
export type ChainRefusal =
  /** No TLS CA of any organisation of the channel issued it. */
  | 'CLIENT_CERTIFICATE_UNTRUSTED'
  /** It, or a CA of its chain, is outside its validity dates. */
  | 'CLIENT_CERTIFICATE_EXPIRED'
  /** It names a CA of the channel as its issuer but is not a TLS client certificate that CA signed. */
  | 'CLIENT_CERTIFICATE_INVALID';

/** The organisation a certificate belongs to, or why it belongs to none (`detail` names what was wrong). */
export type Identification = { mspId: string } | { refusal: ChainRefusal; detail: string };

/** TLS client authentication, and "any purpose", in extendedKeyUsage. */
const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
const ANY_PURPOSE = '2.5.29.37.0';
/** Intermediate CAs between a leaf and its root, at most (Fabric's CAs use none or one). */
const MAX_INTERMEDIATES = 4;

/** A certificate in errors: its subject's common name or whole subject. */
export function describeCertificate(certificate: X509Certificate): string {
  const commonName = /(?:^|\n)CN=([^\n]*)/.exec(certificate.subject)?.[1];
  return `"${commonName ?? certificate.subject.replace(/\n/g, ', ')}"`;
}

/** What building the chain to one organisation's CAs found. */
type Path = { chain: X509Certificate[] } | { problem: 'no-issuer' } | { problem: 'not-signed' | 'issuer-not-ca'; issuer: X509Certificate };

const isRoot = (certificate: X509Certificate, organisation: TlsOrganisation) => organisation.roots.some((root) => root.raw.equals(certificate.raw));

/** The chain from `leaf` up to one of the organisation's TLS roots, through its intermediates. */
function pathTo(leaf: X509Certificate, organisation: TlsOrganisation): Path {
  const chain = [leaf];
  let current = leaf;
  for (let depth = 0; depth <= MAX_INTERMEDIATES; depth += 1) {
    let failure: Path = { problem: 'no-issuer' };
    let next: X509Certificate | undefined;
    for (const candidate of [...organisation.roots, ...organisation.intermediates]) {
      if (chain.some((member) => member.raw.equals(candidate.raw)) || !current.checkIssued(candidate)) continue;
      if (!candidate.ca) failure = { problem: 'issuer-not-ca', issuer: candidate };
      else if (!current.verify(candidate.publicKey)) failure = { problem: 'not-signed', issuer: candidate };
      else {
        next = candidate;
        break;
      }
    }
    if (!next) return failure;
    chain.push(next);
    if (isRoot(next, organisation)) return { chain };
    current = next;
  }
  return { problem: 'no-issuer' };
}

/** The first certificate of the chain outside its validity dates at `now`, described, if any. */
function outOfDate(chain: X509Certificate[], mspId: string, now: Date): string | undefined {
  for (const [index, certificate] of chain.entries()) {
    const from = new Date(certificate.validFrom);
    const to = new Date(certificate.validTo);
    const which =
      index === 0 ? `the client certificate ${describeCertificate(certificate)}` : `${mspId}'s TLS CA ${describeCertificate(certificate)}`;
    if (now < from) return `${which} is not valid before ${from.toISOString()}`;
    if (now > to) return `${which} expired on ${to.toISOString()}`;
  }
  return undefined;
}

/**
 * The organisation whose TLS CAs issued `leaf`: the signature of each link
 * verified with its issuer's key, every certificate of the chain within its
 * dates at `now`, every issuer a CA, and the leaf itself a TLS client
 * certificate (not a CA; clientAuth if it names its purposes). A certificate
 * that chains to CAs of two organisations identifies neither.
 */
export function identifyOrganisation(leaf: X509Certificate, organisations: readonly TlsOrganisation[], now: Date): Identification {
  const subject = describeCertificate(leaf);
  if (leaf.ca) {
    return { refusal: 'CLIENT_CERTIFICATE_INVALID', detail: `the client certificate ${subject} is a CA certificate, not a TLS client certificate` };
  }
  const purposes = leaf.keyUsage as string[] | undefined;
  if (purposes && purposes.length > 0 && !purposes.includes(CLIENT_AUTH) && !purposes.includes(ANY_PURPOSE)) {
    return { refusal: 'CLIENT_CERTIFICATE_INVALID', detail: `the client certificate ${subject} is not for TLS client authentication` };
  }
  const found: { mspId: string; chain: X509Certificate[] }[] = [];
  let misissued: string | undefined;
  for (const organisation of organisations) {
    const path = pathTo(leaf, organisation);
    if ('chain' in path) found.push({ mspId: organisation.mspId, chain: path.chain });
    else if (path.problem === 'not-signed') {
      misissued ??= `the client certificate ${subject} names ${organisation.mspId}'s TLS CA ${describeCertificate(path.issuer)} as its issuer, but that CA's key did not sign it`;
    } else if (path.problem === 'issuer-not-ca') {
      misissued ??= `the client certificate ${subject} is issued by ${describeCertificate(path.issuer)} of ${organisation.mspId}, which is not a CA`;
    }
  }
  if (found.length > 1) {
    return {
      refusal: 'CLIENT_CERTIFICATE_UNTRUSTED',
      detail: `the client certificate ${subject} chains to TLS CAs of ${found.map((match) => match.mspId).join(' and ')}: its city cannot be told`,
    };
  }
  if (found.length === 1) {
    const [{ mspId, chain }] = found;
    const stale = outOfDate(chain, mspId, now);
    return stale ? { refusal: 'CLIENT_CERTIFICATE_EXPIRED', detail: stale } : { mspId };
  }
  if (misissued) return { refusal: 'CLIENT_CERTIFICATE_INVALID', detail: misissued };
  const issuer = /(?:^|\n)CN=([^\n]*)/.exec(leaf.issuer)?.[1] ?? leaf.issuer.replace(/\n/g, ', ');
  return {
    refusal: 'CLIENT_CERTIFICATE_UNTRUSTED',
    detail:
      `the client certificate ${subject}, issued by "${issuer}", does not chain to a TLS root or intermediate CA of any organisation ` +
      `in the channel's configuration (${organisations.map((organisation) => organisation.mspId).join(', ') || 'none known'})`,
  };
}
