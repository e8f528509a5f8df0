import { makeCertificate, makeRootCa, makeTlsCertificate, SERVER_AUTH, TestCertificate } from '../../test/support/certificates';
import { identifyOrganisation, TlsOrganisation } from './certificate-chain';

const DAY = 86_400_000;
const now = new Date();
const days = (n: number) => new Date(now.getTime() + n * DAY);

/** Each city's TLS root CA (and Foshan's intermediate), as a channel's configuration would list them, valid for years around now. */
const caDates = { notBefore: days(-400), notAfter: days(3650) };
const haidianCa = makeRootCa('ca.haidian', 'HaidianMSP', caDates);
const foshanCa = makeRootCa('ca.foshan', 'FoshanMSP', caDates);
const foshanIntermediate = makeCertificate({ commonName: 'tls-ica.foshan', organisation: 'FoshanMSP', issuer: foshanCa, ca: true, ...caDates });
const tianjinCa = makeRootCa('ca.tianjin', 'TianjinMSP', caDates);

const organisation = (mspId: string, roots: TestCertificate[], intermediates: TestCertificate[] = []): TlsOrganisation => ({
  mspId,
  roots: roots.map((ca) => ca.x509),
  intermediates: intermediates.map((ca) => ca.x509),
});
const CHANNEL = [
  organisation('HaidianMSP', [haidianCa]),
  organisation('FoshanMSP', [foshanCa], [foshanIntermediate]),
  organisation('TianjinMSP', [tianjinCa]),
];
const identify = (certificate: TestCertificate, organisations = CHANNEL, at = now) => identifyOrganisation(certificate.x509, organisations, at);

describe('identifyOrganisation', () => {
  it("identifies a gateway's TLS certificate by the organisation whose TLS root issued it", () => {
    expect(identify(makeTlsCertificate(haidianCa, 'gateway.haidian'))).toEqual({ mspId: 'HaidianMSP' });
    expect(identify(makeTlsCertificate(tianjinCa, 'gateway.tianjin'))).toEqual({ mspId: 'TianjinMSP' });
  });

  it('follows a TLS intermediate CA of the organisation up to its root', () => {
    expect(identify(makeTlsCertificate(foshanIntermediate, 'gateway.foshan'))).toEqual({ mspId: 'FoshanMSP' });
    const second = makeCertificate({ commonName: 'tls-ica2.foshan', issuer: foshanIntermediate, ca: true });
    expect(identify(makeTlsCertificate(second, 'gateway.foshan'), [organisation('FoshanMSP', [foshanCa], [second, foshanIntermediate])])).toEqual({
      mspId: 'FoshanMSP',
    });
  });

  it('does not take an intermediate CA the configuration does not list', () => {
    const unlisted = makeCertificate({ commonName: 'tls-ica.unlisted', issuer: foshanCa, ca: true });
    expect(identify(makeTlsCertificate(unlisted, 'gateway.foshan'))).toMatchObject({ refusal: 'CLIENT_CERTIFICATE_UNTRUSTED' });
  });

  it("refuses a certificate of a CA no organisation of the channel lists, naming it, its issuer and the channel's organisations", () => {
    const strangers = makeRootCa('ca.somewhere', 'SomewhereMSP');
    expect(identify(makeTlsCertificate(strangers, 'gateway.somewhere'))).toEqual({
      refusal: 'CLIENT_CERTIFICATE_UNTRUSTED',
      detail:
        'the client certificate "gateway.somewhere", issued by "ca.somewhere", does not chain to a TLS root or intermediate CA of any ' +
        "organisation in the channel's configuration (HaidianMSP, FoshanMSP, TianjinMSP)",
    });
    expect(identify(makeTlsCertificate(strangers, 'gateway.somewhere'), [])).toMatchObject({
      detail: expect.stringContaining('(none known)') as unknown,
    });
  });

  it("refuses a certificate that names a city's CA as its issuer but was signed by another key", () => {
    // An impostor CA with Haidian's CA's very name; the certificate names its issuer by name only (no key identifier).
    const impostor = makeRootCa('ca.haidian', 'HaidianMSP');
    expect(identify(makeTlsCertificate({ pem: impostor.pem, keyPem: impostor.keyPem }, 'gateway.haidian'))).toEqual({
      refusal: 'CLIENT_CERTIFICATE_INVALID',
      detail: `the client certificate "gateway.haidian" names HaidianMSP's TLS CA "ca.haidian" as its issuer, but that CA's key did not sign it`,
    });
    // With the impostor's key identifier, it is not even taken for Haidian's CA.
    expect(identify(makeTlsCertificate(impostor, 'gateway.haidian'))).toMatchObject({ refusal: 'CLIENT_CERTIFICATE_UNTRUSTED' });
  });

  it('refuses an expired certificate, one not yet valid, and one whose CA expired, saying which and when', () => {
    const expired = makeTlsCertificate(haidianCa, 'gateway.haidian', { notBefore: days(-30), notAfter: days(-1) });
    expect(identify(expired)).toEqual({
      refusal: 'CLIENT_CERTIFICATE_EXPIRED',
      detail: `the client certificate "gateway.haidian" expired on ${new Date(expired.x509.validTo).toISOString()}`,
    });
    const early = makeTlsCertificate(haidianCa, 'gateway.haidian', { notBefore: days(2), notAfter: days(30) });
    expect(identify(early)).toMatchObject({
      refusal: 'CLIENT_CERTIFICATE_EXPIRED',
      detail: expect.stringContaining('is not valid before') as unknown,
    });
    const oldIntermediate = makeCertificate({ commonName: 'tls-ica.old', issuer: foshanCa, ca: true, notBefore: days(-400), notAfter: days(-2) });
    const underOld = makeTlsCertificate(oldIntermediate, 'gateway.foshan', { notBefore: days(-100), notAfter: days(100) });
    expect(identify(underOld, [organisation('FoshanMSP', [foshanCa], [oldIntermediate])])).toMatchObject({
      refusal: 'CLIENT_CERTIFICATE_EXPIRED',
      detail: expect.stringMatching(/^FoshanMSP's TLS CA "tls-ica.old" expired on /) as unknown,
    });
    const oldRoot = makeRootCa('ca.old', 'OldMSP', { notBefore: days(-400), notAfter: days(-2) });
    expect(identify(makeTlsCertificate(oldRoot, 'gateway.old'), [organisation('OldMSP', [oldRoot])])).toMatchObject({
      refusal: 'CLIENT_CERTIFICATE_EXPIRED',
      detail: expect.stringMatching(/^OldMSP's TLS CA "ca.old" expired on /) as unknown,
    });
    // The same certificate, at a time inside its dates, is the city's.
    expect(identify(expired, CHANNEL, days(-10))).toEqual({ mspId: 'HaidianMSP' });
  });

  it('refuses a CA certificate, and a certificate for TLS servers only, as client certificates', () => {
    expect(identify(makeCertificate({ commonName: 'tls-ica.foshan', issuer: foshanCa, ca: true }))).toMatchObject({
      refusal: 'CLIENT_CERTIFICATE_INVALID',
      detail: 'the client certificate "tls-ica.foshan" is a CA certificate, not a TLS client certificate',
    });
    expect(identify(makeTlsCertificate(haidianCa, 'server.haidian', { extendedKeyUsage: [SERVER_AUTH] }))).toEqual({
      refusal: 'CLIENT_CERTIFICATE_INVALID',
      detail: 'the client certificate "server.haidian" is not for TLS client authentication',
    });
    // A certificate that names no purpose may serve any.
    expect(identify(makeTlsCertificate(haidianCa, 'gateway.haidian', { extendedKeyUsage: null }))).toEqual({ mspId: 'HaidianMSP' });
  });

  it('refuses a chain through a certificate that is not a CA', () => {
    // Listed as an intermediate, with a CA's key usages, but marked CA:FALSE.
    const notCa = makeCertificate({ commonName: 'not-a-ca.foshan', issuer: foshanCa, ca: true, markedCa: false });
    expect(identify(makeTlsCertificate(notCa, 'gateway.foshan'), [organisation('FoshanMSP', [foshanCa], [notCa])])).toEqual({
      refusal: 'CLIENT_CERTIFICATE_INVALID',
      detail: 'the client certificate "gateway.foshan" is issued by "not-a-ca.foshan" of FoshanMSP, which is not a CA',
    });
  });

  it('identifies no city when two organisations list the CA that issued the certificate', () => {
    const shared = [organisation('HaidianMSP', [haidianCa]), organisation('ShadowMSP', [haidianCa])];
    expect(identify(makeTlsCertificate(haidianCa, 'gateway.haidian'), shared)).toEqual({
      refusal: 'CLIENT_CERTIFICATE_UNTRUSTED',
      detail: 'the client certificate "gateway.haidian" chains to TLS CAs of HaidianMSP and ShadowMSP: its city cannot be told',
    });
  });
});
