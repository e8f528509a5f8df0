/**
 * Staff will sign their own transactions in the browser (WebCrypto, a key
 * that never leaves it) while the gateway prepares and forwards the messages:
 * Fabric Gateway's offline signing. This proves the flow against the real
 * peers and orderers with a non-extractable WebCrypto key, and that a
 * signature over other bytes, or by another key, is refused.
 */
import { connect, EndorseError, Gateway, hash, Proposal } from '@hyperledger/fabric-gateway';
import type * as grpc from '@grpc/grpc-js';
import { readFile } from 'node:fs/promises';
import { webcrypto } from 'node:crypto';
import { newGrpcClient } from '../../src/fabric/connection';
import { p1363ToLowSDer } from '../../src/signing/ecdsa-signature';
import { city, CityDescription, loadNetwork, Role } from './network';
import { expectRefusedAsNoWriter } from './orderer-refusals';

const network = loadNetwork();
const haidian = city(network, 'haidian');
const foshan = city(network, 'foshan');

/** A role user's key as a browser would hold it: imported once, not extractable, signing only. */
async function browserKeyOf(description: CityDescription, role: Role): Promise<webcrypto.CryptoKey> {
  const pem = await readFile(description.users[role].privateKey, 'utf8');
  const der = Buffer.from(pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s/g, ''), 'base64');
  return webcrypto.subtle.importKey('pkcs8', der, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
}

/** What the browser does with the bytes the gateway prepared: WebCrypto signs (hashing with SHA-256), then DER with low S. */
async function browserSign(key: webcrypto.CryptoKey, message: Uint8Array): Promise<Uint8Array> {
  return p1363ToLowSDer(new Uint8Array(await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, message)));
}

describe('offline signing with a WebCrypto key', () => {
  let client: grpc.Client;
  /**
   * The gateway's side: Haidian's admin certificate and no signer. With `hash.none` a message's
   * "digest" is the message itself, which is what the browser must sign: WebCrypto hashes it.
   */
  let gateway: Gateway;
  let adminKey: webcrypto.CryptoKey;
  const code = `OFFLINE-${Date.now().toString(36).toUpperCase()}`;
  const item = (suffix: string) =>
    JSON.stringify({ code: `${code}-${suffix}`, name: 'Offline signing licence', materials: [], promisedDays: 10, resultType: 'licence' });

  beforeAll(async () => {
    client = await newGrpcClient({ endpoint: haidian.peers[0].endpoint, tlsRootCertPath: haidian.tlsRootCert });
    gateway = connect({ client, identity: { mspId: haidian.mspId, credentials: await readFile(haidian.users.admin.certificate) }, hash: hash.none });
    adminKey = await browserKeyOf(haidian, 'admin');
  });

  afterAll(() => {
    gateway.close();
    client.close();
  });

  const proposalFor = (suffix: string): Proposal =>
    gateway
      .getNetwork(network.channel)
      .getContract(network.chaincode, 'Catalogue')
      .newProposal('PublishServiceItem', { arguments: [item(suffix)] });

  it('commits a transaction whose proposal, transaction and commit status request the browser signed', async () => {
    const proposal = proposalFor('A');
    const transaction = await gateway.newSignedProposal(proposal.getBytes(), await browserSign(adminKey, proposal.getDigest())).endorse();
    const commit = await gateway.newSignedTransaction(transaction.getBytes(), await browserSign(adminKey, transaction.getDigest())).submit();
    const status = await gateway.newSignedCommit(commit.getBytes(), await browserSign(adminKey, commit.getDigest())).getStatus();

    expect(status.successful).toBe(true);
    expect(JSON.parse(Buffer.from(transaction.getResult()).toString())).toMatchObject({ code: `${code}-A`, ownerMsp: haidian.mspId });
  });

  it('is refused by the peer when the signature covers other bytes, or comes from another key', async () => {
    const proposal = proposalFor('B');
    const tampered = Uint8Array.from(proposal.getDigest());
    tampered[tampered.length - 1] ^= 0x01;
    const otherCitysKey = await browserKeyOf(foshan, 'admin');

    for (const signature of [await browserSign(adminKey, tampered), await browserSign(otherCitysKey, proposal.getDigest())]) {
      const refusal = await gateway
        .newSignedProposal(proposal.getBytes(), signature)
        .endorse()
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      expect(refusal).toBeInstanceOf(EndorseError);
      // The peer checks the creator's signature before anything else, and names the creator's organisation.
      expect((refusal as EndorseError).details).toEqual([
        expect.objectContaining({
          mspId: haidian.mspId,
          message: expect.stringMatching(/access denied: channel \[tongban\] creator org \[HaidianMSP\]/) as unknown,
        }),
      ]);
    }
  });

  it('is refused by the ordering service when the transaction envelope is signed by another key', async () => {
    const proposal = proposalFor('C');
    const transaction = await gateway.newSignedProposal(proposal.getBytes(), await browserSign(adminKey, proposal.getDigest())).endorse();
    const forged = await browserSign(await browserKeyOf(foshan, 'admin'), transaction.getDigest());

    const outcome = await gateway
      .newSignedTransaction(transaction.getBytes(), forged)
      .submit()
      .catch((caught: unknown) => caught);
    // Each orderer checks the envelope's signature against the channel's Writers policy at broadcast.
    expectRefusedAsNoWriter(outcome, network.ordererType);
  });
});
