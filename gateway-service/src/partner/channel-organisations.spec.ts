import { common } from '@hyperledger/fabric-protos';
import { makeCertificate, makeRootCa } from '../../test/support/certificates';
import { channelConfigOf } from '../../test/support/channel-config';
import { organisationsOfChannelConfig } from './channel-organisations';

const foshanCa = makeRootCa('ca.foshan', 'FoshanMSP');
const foshanIntermediate = makeCertificate({ commonName: 'tls-ica.foshan', issuer: foshanCa, ca: true });
const haidianCa = makeRootCa('ca.haidian', 'HaidianMSP');
const ordererCa = makeRootCa('ca.orderer', 'OrdererMSP');

describe('organisationsOfChannelConfig', () => {
  it("reads each application organisation's MSP ID and TLS root and intermediate CAs, sorted by MSP ID", () => {
    const config = channelConfigOf(
      [
        { mspId: 'HaidianMSP', tlsRoots: [haidianCa.pem] },
        { mspId: 'FoshanMSP', tlsRoots: [foshanCa.pem], tlsIntermediates: [foshanIntermediate.pem] },
      ],
      { mspId: 'OrdererMSP', tlsRoots: [ordererCa.pem] },
    );
    const { organisations, unreadable } = organisationsOfChannelConfig(config);
    expect(unreadable).toBe(0);
    expect(
      organisations.map((organisation) => ({
        mspId: organisation.mspId,
        roots: organisation.roots.map((ca) => ca.fingerprint256),
        intermediates: organisation.intermediates.map((ca) => ca.fingerprint256),
      })),
    ).toEqual([
      { mspId: 'FoshanMSP', roots: [foshanCa.x509.fingerprint256], intermediates: [foshanIntermediate.x509.fingerprint256] },
      { mspId: 'HaidianMSP', roots: [haidianCa.x509.fingerprint256], intermediates: [] },
    ]);
  });

  it('leaves out Idemix organisations (no TLS CAs) and counts certificates it cannot read', () => {
    const config = channelConfigOf([
      { mspId: 'FoshanMSP', tlsRoots: [foshanCa.pem, '-----BEGIN CERTIFICATE-----\nbroken\n-----END CERTIFICATE-----\n'] },
      { mspId: 'AnonymousMSP', tlsRoots: [], type: 1 },
    ]);
    const { organisations, unreadable } = organisationsOfChannelConfig(config);
    expect(organisations.map((organisation) => [organisation.mspId, organisation.roots.length])).toEqual([['FoshanMSP', 1]]);
    expect(unreadable).toBe(1);
  });

  it('refuses a configuration without an Application group', () => {
    const config = new common.Config();
    config.setChannelGroup(new common.ConfigGroup());
    expect(() => organisationsOfChannelConfig(config.serializeBinary())).toThrow('the channel configuration has no Application group');
  });
});
