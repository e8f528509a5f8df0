import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import * as grpc from '@grpc/grpc-js';
import { setTimeout as sleep } from 'node:timers/promises';
import { ChaincodeEvent, CloseableAsyncIterable, Gateway } from '@hyperledger/fabric-gateway';
import { GatewayConfig, Role } from '../config/configuration';
import { MetricsService } from '../metrics/metrics.service';
import { committedResult } from './committed-transaction';
import { connectGateway, connectOfflineGateway, newGrpcClient } from './connection';
import { toLedgerError } from './fabric-errors';
import { Ledger, SubmitOptions } from './ledger';
import { LedgerError, LedgerUnavailableError, RoleNotConfiguredError } from './ledger-errors';
import { withRetries } from './retry-policy';

/** Looks for a transaction whose submission failed: 3 looks, half a second apart. */
const COMMIT_LOOKS = 3;
const COMMIT_LOOK_PAUSE_MS = 500;

/**
 * The one place that talks to Fabric: a long-lived gRPC connection to this
 * city's peer, and one Gateway per configured role, each signing with that
 * role's enrolled identity. Deadlines are set once, at connect. Every failure
 * leaves as a LedgerError.
 */
@Injectable()
export class FabricService extends Ledger implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(FabricService.name);
  private readonly config: GatewayConfig;
  private client?: grpc.Client;
  private readonly gateways = new Map<Role, Gateway>();

  constructor(
    @Inject(ConfigService) configService: ConfigService,
    private readonly metrics: MetricsService,
  ) {
    super();
    this.config = configService.get<GatewayConfig>('gateway') as GatewayConfig;
  }

  get mspId(): string {
    return this.config.mspId;
  }

  /** The channel and chaincode this gateway serves. */
  get channel(): string {
    return this.config.channel;
  }

  get chaincode(): string {
    return this.config.chaincode;
  }

  get readerRole(): Role {
    return this.config.identities.auditor ? 'auditor' : (Object.keys(this.config.identities)[0] as Role);
  }

  async onModuleInit(): Promise<void> {
    this.client = await newGrpcClient({
      endpoint: this.config.peerEndpoint,
      tlsRootCertPath: this.config.peerTlsRootCertPath,
      tlsServerName: this.config.peerTlsServerName,
    });
    for (const [role, identity] of Object.entries(this.config.identities) as [Role, GatewayConfig['identities'][Role]][]) {
      if (!identity) continue;
      const gateway = await connectGateway(
        this.client,
        { mspId: this.config.mspId, certificatePath: identity.certificatePath, privateKeyPath: identity.privateKeyPath },
        this.config.deadlines,
      );
      this.gateways.set(role, gateway);
    }
    this.logger.log(`connected to peer ${this.config.peerEndpoint} as ${[...this.gateways.keys()].join(', ')} of ${this.config.mspId}`);
  }

  /**
   * A Gateway for a certificate of this city whose key the gateway never
   * holds (a staff member's): it prepares each message, the key's holder
   * signs it. It shares this service's connection to the peer.
   */
  offlineGateway(certificate: string): Gateway {
    if (!this.client) throw new LedgerUnavailableError('endorse', 'the gateway is not connected to its peer yet');
    return connectOfflineGateway(this.client, { mspId: this.config.mspId, credentials: Buffer.from(certificate) }, this.config.deadlines);
  }

  onModuleDestroy(): void {
    for (const gateway of this.gateways.values()) gateway.close();
    this.client?.close();
  }

  async evaluate(role: Role, transaction: string, ...args: string[]): Promise<Uint8Array> {
    return this.measure('evaluate', transaction, () => this.contractFor(role, transaction).evaluate(this.name(transaction), { arguments: args }));
  }

  /**
   * Submits and waits for commit, submitting again while the retry policy
   * allows it (at most `submitRetries` more times). When an attempt's
   * submission failed after it may have reached an orderer, and the attempts
   * then fail, the ledger is asked whether that attempt committed after all:
   * if so, its answer is the answer.
   */
  protected async submitTransaction(role: Role, transaction: string, options: SubmitOptions): Promise<Uint8Array> {
    return this.measure('submit', transaction, async () => {
      const contract = this.contractFor(role, transaction);
      const transient = options.transient
        ? Object.fromEntries(Object.entries(options.transient).map(([key, value]) => [key, Buffer.from(value, 'utf8')]))
        : undefined;
      const proposal = { arguments: options.arguments ?? [], transientData: transient, endorsingOrganizations: options.endorsingOrganizations };
      const mayBeOrdered: string[] = [];
      try {
        return await withRetries(
          () => contract.submit(this.name(transaction), proposal),
          this.config.submitRetries,
          (failure, retry, pause) => {
            noteIfMayBeOrdered(failure, mayBeOrdered);
            this.logger.warn(`${transaction} attempt ${retry + 1} failed (${failure.message}); retrying in ${pause}ms`);
          },
        );
      } catch (error) {
        noteIfMayBeOrdered(toLedgerError(error), mayBeOrdered);
        const earlier = await this.firstCommitted(role, mayBeOrdered);
        if (earlier) return earlier;
        throw error;
      }
    });
  }

  async channelConfig(): Promise<Uint8Array> {
    return this.measure('evaluate', 'cscc:GetChannelConfig', () => {
      const gateway = this.gateways.get(this.readerRole);
      if (!gateway) throw new RoleNotConfiguredError(this.readerRole);
      return gateway.getNetwork(this.config.channel).getContract('cscc').evaluateTransaction('GetChannelConfig', this.config.channel);
    });
  }

  async chaincodeEvents(after?: { blockNumber: bigint; transactionId: string }): Promise<CloseableAsyncIterable<ChaincodeEvent>> {
    // Events are channel data any member may read: use whichever identity is configured.
    const gateway = this.gateways.values().next().value as Gateway;
    const network = gateway.getNetwork(this.config.channel);
    const options = after
      ? { checkpoint: { getBlockNumber: () => after.blockNumber, getTransactionId: () => after.transactionId } }
      : { startBlock: BigInt(0) };
    return network.getChaincodeEvents(this.config.chaincode, options);
  }

  /**
   * The answer of the first of `transactionIds` the ledger holds as committed
   * and valid (qscc), if any; each is looked for a few times over about a
   * second, since one accepted by an orderer may still be on its way.
   */
  private async firstCommitted(role: Role, transactionIds: string[]): Promise<Uint8Array | undefined> {
    const gateway = this.gateways.get(role);
    if (!gateway || transactionIds.length === 0) return undefined;
    const qscc = gateway.getNetwork(this.config.channel).getContract('qscc');
    for (let look = 0; look < COMMIT_LOOKS; look += 1) {
      if (look > 0) await sleep(COMMIT_LOOK_PAUSE_MS);
      for (const transactionId of transactionIds) {
        const processed = await qscc.evaluateTransaction('GetTransactionByID', this.config.channel, transactionId).catch(() => undefined);
        const answer = processed && committedResult(processed);
        if (answer) {
          this.logger.warn(`transaction ${transactionId}, whose submission failed, committed: its answer stands`);
          return answer;
        }
      }
    }
    return undefined;
  }

  private contractFor(role: Role, transaction: string) {
    const gateway = this.gateways.get(role);
    if (!gateway) {
      throw new RoleNotConfiguredError(role);
    }
    const [contractName] = transaction.split(':');
    return gateway.getNetwork(this.config.channel).getContract(this.config.chaincode, contractName);
  }

  private name(transaction: string): string {
    return transaction.split(':')[1];
  }

  private async measure(kind: 'evaluate' | 'submit', transaction: string, call: () => Promise<Uint8Array>): Promise<Uint8Array> {
    const stop = this.metrics.fabricDuration.startTimer({ kind, transaction });
    try {
      const result = await call();
      this.metrics.fabricCalls.inc({ kind, transaction, outcome: 'ok' });
      return result;
    } catch (error) {
      const failure = toLedgerError(error);
      this.metrics.fabricCalls.inc({ kind, transaction, outcome: failure.name });
      throw failure;
    } finally {
      stop();
    }
  }
}

/** Remembers the transaction of a submission that failed after it may have reached an orderer. */
function noteIfMayBeOrdered(failure: LedgerError, transactionIds: string[]): void {
  if (failure instanceof LedgerUnavailableError && failure.stage === 'submit' && failure.transactionId) transactionIds.push(failure.transactionId);
}
