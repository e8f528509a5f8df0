import * as grpc from '@grpc/grpc-js';
import { connect, ConnectOptions, Gateway, hash, Identity, Signer } from '@hyperledger/fabric-gateway';
import { createPrivateKey, KeyObject, sign } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { p1363ToLowSDer } from '../signing/ecdsa-signature';

/** A peer's gRPC endpoint and the TLS root that issued its certificate. */
export interface PeerEndpoint {
  /** host:port */
  endpoint: string;
  tlsRootCertPath: string;
  /** The name the peer's TLS certificate is checked against, when not the endpoint's host. */
  tlsServerName?: string;
}

/** An enrolled identity: its organisation and the files its CA issued. */
export interface UserCredentials {
  mspId: string;
  certificatePath: string;
  privateKeyPath: string;
}

/** How long each kind of Gateway call may take before it fails. */
export interface CallDeadlines {
  evaluateMs: number;
  endorseMs: number;
  submitMs: number;
  commitStatusMs: number;
}

/**
 * Defaults. A commit normally takes a batch timeout plus validation; a
 * transaction lost with a stopped Raft leader is never committed, so its wait
 * is bounded well below an HTTP client's patience.
 */
export const DEFAULT_DEADLINES: CallDeadlines = {
  evaluateMs: 5_000,
  endorseMs: 15_000,
  submitMs: 5_000,
  commitStatusMs: 20_000,
};

/** Opens one long-lived TLS gRPC connection to a peer; share it between gateways. */
export async function newGrpcClient(peer: PeerEndpoint): Promise<grpc.Client> {
  const tlsRootCert = await readFile(peer.tlsRootCertPath);
  const options = peer.tlsServerName ? { 'grpc.ssl_target_name_override': peer.tlsServerName } : {};
  return new grpc.Client(peer.endpoint, grpc.credentials.createSsl(tlsRootCert), options);
}

/** The identity a gateway presents: MSP ID plus the X.509 certificate. */
export async function identityOf(user: UserCredentials): Promise<Identity> {
  return { mspId: user.mspId, credentials: await readFile(user.certificatePath) };
}

/**
 * Signs whole messages with node:crypto's native ECDSA (SHA-256 inside), far
 * cheaper than the default pure-JavaScript signer, and normalises the
 * signature to low-S, the only form Fabric accepts. Use with `hash.none`.
 */
export function newNodeCryptoSigner(privateKey: KeyObject): Signer {
  if (privateKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new Error(`expected a P-256 private key, got ${String(privateKey.asymmetricKeyDetails?.namedCurve ?? privateKey.asymmetricKeyType)}`);
  }
  return (message: Uint8Array) => Promise.resolve(p1363ToLowSDer(sign('sha256', message, { key: privateKey, dsaEncoding: 'ieee-p1363' })));
}

/** A signer over the user's private key (whole messages: connect with `hash.none`). */
export async function signerOf(user: UserCredentials): Promise<Signer> {
  return newNodeCryptoSigner(createPrivateKey(await readFile(user.privateKeyPath)));
}

/**
 * Connects a gateway for an identity over an existing gRPC client, deadlines
 * set once here. With a signer, it signs; without one, it prepares messages
 * that someone else signs (offline signing). Either way the signature covers
 * the whole message, SHA-256 being inside the signing (`hash.none`).
 */
function connectIdentity(client: grpc.Client, identity: Identity, signer: Signer | undefined, deadlines: CallDeadlines): Gateway {
  const options: ConnectOptions = {
    client,
    identity,
    signer,
    hash: hash.none,
    evaluateOptions: () => ({ deadline: Date.now() + deadlines.evaluateMs }),
    endorseOptions: () => ({ deadline: Date.now() + deadlines.endorseMs }),
    submitOptions: () => ({ deadline: Date.now() + deadlines.submitMs }),
    commitStatusOptions: () => ({ deadline: Date.now() + deadlines.commitStatusMs }),
  };
  return connect(options);
}

/** Connects a gateway that signs as one user. */
export async function connectGateway(client: grpc.Client, user: UserCredentials, deadlines: CallDeadlines = DEFAULT_DEADLINES): Promise<Gateway> {
  return connectIdentity(client, await identityOf(user), await signerOf(user), deadlines);
}

/** Connects a gateway for an identity whose key is elsewhere: it prepares the messages that key signs. */
export function connectOfflineGateway(client: grpc.Client, identity: Identity, deadlines: CallDeadlines = DEFAULT_DEADLINES): Gateway {
  return connectIdentity(client, identity, undefined, deadlines);
}
