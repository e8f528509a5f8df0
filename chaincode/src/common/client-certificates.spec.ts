import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClientIdentity } from 'fabric-shim';
import { MAX_CERTIFICATES, parseClientCertificatesOnce } from './client-certificates';

const { Certificate } = createRequire(require.resolve('fabric-shim'))('@fidm/x509') as { Certificate: { fromPEM: (pem: string) => unknown } };

/** A certificate with Fabric CA's attribute extension, as a role user's, made by openssl. */
function certificate(commonName: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'client-certificate-'));
  try {
    const attributes = Buffer.from(JSON.stringify({ attrs: { 'tongban.role': 'clerk' } })).toString('hex');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-days',
        '1',
        '-subj',
        `/CN=${commonName}/OU=client`,
        '-addext',
        `1.2.3.4.5.6.7.8.1=DER:${attributes}`,
        '-keyout',
        join(folder, 'key.pem'),
        '-out',
        join(folder, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return readFileSync(join(folder, 'cert.pem'), 'utf8');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const stubOf = (pem: string) =>
  ({ getChannelID: () => 'tongban', getTxID: () => 'tx', getCreator: () => ({ mspid: 'HaidianMSP', idBytes: Buffer.from(pem) }) }) as never;
const identity = (pem: string) => {
  const found = new ClientIdentity(stubOf(pem));
  return { id: found.getID(), mspId: found.getMSPID(), role: found.getAttributeValue('tongban.role') };
};

describe("the shim's client certificates, parsed once", () => {
  const clerk = certificate('clerk');
  const reviewer = certificate('reviewer');
  const before = { clerk: identity(clerk), reviewer: identity(reviewer) };
  const parse = jest.spyOn(Certificate, 'fromPEM');

  beforeAll(() => {
    parseClientCertificatesOnce();
  });

  it('gives each transaction the same identity, parsing each certificate once', () => {
    parse.mockClear();
    for (let transaction = 0; transaction < 5; transaction += 1) {
      expect(identity(clerk)).toEqual(before.clerk);
      expect(identity(reviewer)).toEqual(before.reviewer);
    }
    expect(before.clerk).toMatchObject({ id: expect.stringContaining('CN=clerk') as unknown, mspId: 'HaidianMSP', role: 'clerk' });
    expect(parse).toHaveBeenCalledTimes(2);
  });

  it(`keeps at most ${MAX_CERTIFICATES}, dropping the least recently used`, () => {
    identity(reviewer); // now used more recently than the clerk's
    parse.mockClear();
    // Other keys for the clerk's certificate (leading blank lines), enough to fill what is kept.
    for (let index = 1; index < MAX_CERTIFICATES; index += 1) Certificate.fromPEM(`${'\n'.repeat(index)}${clerk}`);
    expect(parse).toHaveBeenCalledTimes(MAX_CERTIFICATES - 1);
    expect(identity(reviewer)).toEqual(before.reviewer);
    expect(parse).toHaveBeenCalledTimes(MAX_CERTIFICATES - 1);
    expect(identity(clerk)).toEqual(before.clerk);
    expect(parse).toHaveBeenCalledTimes(MAX_CERTIFICATES);
  });
});
