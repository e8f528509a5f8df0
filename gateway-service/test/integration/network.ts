/**
 * Access to the running test network for integration tests: the layout that
 * scripts/describe-network.sh wrote, and gateways acting as a city's role user.
 */
import * as grpc from '@grpc/grpc-js';
import type { Role } from '@tongban/chaincode/domain';
import { Contract, Gateway, Network, ProposalOptions } from '@hyperledger/fabric-gateway';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectGateway, newGrpcClient, UserCredentials } from '../../src/fabric/connection';
import { withRetries } from '../../src/fabric/retry-policy';

export type { Role };

export interface CityDescription {
  key: string;
  name: string;
  /** The city's host: where its CA, peers, chaincode server and gateway listen. */
  host: string;
  mspId: string;
  tlsRootCert: string;
  ca: { url: string; name: string };
  peers: { name: string; endpoint: string; operations: string }[];
  users: Record<Role, { certificate: string; privateKey: string }>;
  /**
   * The API (https, its certificate issued by the city's CA: tlsRootCert), the operations address
   * (metrics, healthz), and the gateway's TLS certificate and key, its client certificate towards partners.
   */
  gateway: { url: string; operations: string; apiKeysFile: string; tlsCertificate: string; tlsPrivateKey: string };
}

export interface NetworkDescription {
  channel: string;
  chaincode: string;
  runtimeDir: string;
  /** Where the Fabric and Fabric CA command-line tools are. */
  fabricBin: string;
  /** The ordering service's consensus: etcd Raft or SmartBFT. */
  ordererType: 'raft' | 'bft';
  /** Each city and orderer in a network namespace of its own (network.sh up --netns): they can be cut off. */
  netns: boolean;
  /** The address the network's nodes reach this machine at (a webhook receiver's host). */
  clientHost: string;
  orderers: { name: string; index: number; host: string; endpoint: string; operations: string }[];
  cities: CityDescription[];
}

const runtimeDir = process.env.TONGBAN_RUNTIME_DIR ?? join(__dirname, '../../../network/runtime');

/** The network description written when the network came up. */
export function loadNetwork(): NetworkDescription {
  return JSON.parse(readFileSync(join(runtimeDir, 'network.json'), 'utf8')) as NetworkDescription;
}

export function city(network: NetworkDescription, key: string): CityDescription {
  const found = network.cities.find((candidate) => candidate.key === key);
  if (!found) {
    throw new Error(`city ${key} is not in the network description`);
  }
  return found;
}

/** The credentials of a city's role user, optionally presented under another MSP ID. */
export function credentialsOf(description: CityDescription, role: Role, mspId = description.mspId): UserCredentials {
  const user = description.users[role];
  return { mspId, certificatePath: user.certificate, privateKeyPath: user.privateKey };
}

/** Opens gateways to peers and closes them all at the end of a suite. */
export class GatewayPool {
  private readonly clients: grpc.Client[] = [];
  private readonly gateways: Gateway[] = [];

  constructor(private readonly description: NetworkDescription) {}

  /** The chaincode as seen by `user`, through peer0 of the city `viaCity`. */
  async contract(viaCity: string, user: UserCredentials, contractName?: string): Promise<Contract> {
    return (await this.channel(viaCity, user)).getContract(this.description.chaincode, contractName);
  }

  /** The channel as seen by `user`, through peer0 of the city `viaCity`. */
  async channel(viaCity: string, user: UserCredentials): Promise<Network> {
    const description = city(this.description, viaCity);
    const client = await newGrpcClient({
      endpoint: description.peers[0].endpoint,
      tlsRootCertPath: description.tlsRootCert,
    });
    this.clients.push(client);
    const gateway = await connectGateway(client, user);
    this.gateways.push(gateway);
    return gateway.getNetwork(this.description.channel);
  }

  close(): void {
    for (const gateway of this.gateways) gateway.close();
    for (const client of this.clients) client.close();
  }
}

/**
 * Submits as a careful Fabric Gateway client does (the gateway service's own
 * retry policy): again after a pause while the failure is one a retry can
 * fix, such as another city's peer not yet having the last block.
 */
export function submitRetrying(contract: Contract, name: string, options: ProposalOptions): Promise<Uint8Array> {
  return withRetries(() => contract.submit(name, options), 3);
}

/** What the Receive transaction takes: the case, the service item and agreement it comes under, one material and the applicant. */
export interface CaseToReceive {
  id: string;
  item: { ownerMsp: string; code: string };
  agreement: string;
  material: { name: string; sha256: string; size: number; mediaType: string; location: string };
  /** The applicant's data with its salt: the transient input, never on the ledger. */
  applicant: object;
  /** The cities whose peers endorse: both of the case's, or one alone to see it refused. */
  endorsingOrganizations: string[];
}

/** The proposal options of Cases:Receive for `receive`, as the tests submit it directly through Fabric Gateway. */
export function receiveProposal(receive: CaseToReceive): ProposalOptions {
  const { id, item, agreement, material, applicant, endorsingOrganizations } = receive;
  return {
    arguments: [JSON.stringify({ id, serviceItem: item, agreementId: agreement, materials: [material] })],
    transientData: { applicant: JSON.stringify(applicant) },
    endorsingOrganizations,
  };
}

/** An applicant salt of the domain's form, from a case id (letters and digits, at least 16). */
export const saltOf = (id: string): string => `salt${id.replace(/\W/g, '')}0123456789`;
