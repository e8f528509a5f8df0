import type { ChaincodeEvent, CloseableAsyncIterable } from '@hyperledger/fabric-gateway';
import type { Caller } from '../common/auth/caller';
import { Role } from '../config/configuration';
import { SignatureNeeded } from './staff-signer';

/** How a service submits a transaction. */
export interface SubmitOptions {
  arguments?: string[];
  /** Private inputs (never written to the ledger); keys name transient fields. */
  transient?: Record<string, string>;
  /** The organisations that must endorse; required with transient data other cities must see. */
  endorsingOrganizations?: string[];
}

/**
 * Whom a ledger write is for: the request's caller, passed down by the
 * controller (never a context the write finds by itself). A staff member's
 * write is prepared for them to sign; `onSubmitting` is called as any other
 * write is about to be sent.
 */
export type Writer = Pick<Caller, 'role' | 'staffSession' | 'onSubmitting'>;

/**
 * The ledger as the feature services see it: evaluate and submit chaincode
 * transactions (`Contract:Transaction`) as one of this city's roles; calls
 * fail with LedgerErrors (ledger-errors.ts). The Fabric implementation is
 * FabricService; unit tests use a fake.
 */
export abstract class Ledger {
  abstract evaluate(role: Role, transaction: string, ...args: string[]): Promise<Uint8Array>;
  /**
   * Submits a transaction as the writer's role and waits for its commit; for
   * a staff member, fails with SignatureNeeded instead: they sign it themselves.
   */
  submit(writer: Writer, transaction: string, options: SubmitOptions = {}): Promise<Uint8Array> {
    if (writer.staffSession) return Promise.reject(new SignatureNeeded({ certificate: writer.staffSession.certificate }, transaction, options));
    writer.onSubmitting?.();
    return this.submitTransaction(writer.role, transaction, options);
  }

  protected abstract submitTransaction(role: Role, transaction: string, options: SubmitOptions): Promise<Uint8Array>;
  /**
   * The chaincode's events in ledger order: from the start of the ledger, or
   * right after the given transaction of the given block.
   */
  abstract chaincodeEvents(after?: { blockNumber: bigint; transactionId: string }): Promise<CloseableAsyncIterable<ChaincodeEvent>>;
  /**
   * The channel's current configuration, a serialised common.Config (the
   * configuration system chaincode's GetChannelConfig, as the reader role).
   */
  abstract channelConfig(): Promise<Uint8Array>;
  /** This gateway's city. */
  abstract get mspId(): string;
  /** The role the gateway uses for its own reads (health, partner requests): auditor if configured. */
  abstract get readerRole(): Role;
}

/** Parses the JSON a transaction returned; the caller names the type the chaincode documents for it. */
export function decodeJson(bytes: Uint8Array): unknown {
  return JSON.parse(Buffer.from(bytes).toString('utf8'));
}
