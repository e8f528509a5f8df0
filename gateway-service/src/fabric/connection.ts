import * as grpc from '@grpc/grpc-js';
import { connect, ConnectOptions, Gateway, Identity, Signer, signers } from '@hyperledger/fabric-gateway';
import { createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';

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

export const DEFAULT_DEADLINES: CallDeadlines = {
  evaluateMs: 5_000,
  endorseMs: 15_000,
  submitMs: 5_000,
  commitStatusMs: 60_000,
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

/** A signer over the user's private key. */
export async function signerOf(user: UserCredentials): Promise<Signer> {
  const pem = await readFile(user.privateKeyPath);
  return signers.newPrivateKeySigner(createPrivateKey(pem));
}

/** Connects a gateway for one user over an existing gRPC client, deadlines set once here. */
export async function connectGateway(
  client: grpc.Client,
  user: UserCredentials,
  deadlines: CallDeadlines = DEFAULT_DEADLINES,
): Promise<Gateway> {
  const options: ConnectOptions = {
    client,
    identity: await identityOf(user),
    signer: await signerOf(user),
    evaluateOptions: () => ({ deadline: Date.now() + deadlines.evaluateMs }),
    endorseOptions: () => ({ deadline: Date.now() + deadlines.endorseMs }),
    submitOptions: () => ({ deadline: Date.now() + deadlines.submitMs }),
    commitStatusOptions: () => ({ deadline: Date.now() + deadlines.commitStatusMs }),
  };
  return connect(options);
}
