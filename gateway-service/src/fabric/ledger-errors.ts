/**
 * What a ledger call can fail with, in the ledger's terms and nothing of
 * HTTP, as fabric-gateway's own errors are: the feature services and the
 * exception filter read these, never the Fabric Gateway errors behind them.
 */
import type { DomainErrorCode } from '@tongban/chaincode/domain';
import type { Role } from '../config/configuration';

/** Where a Fabric failure happened: a peer or orderer, its organisation, its message. */
export interface FabricDetail {
  address: string;
  mspId: string;
  message: string;
}

/** The Gateway call that failed. */
export type LedgerStage = 'evaluate' | 'endorse' | 'submit';

/** What Fabric told about a failed call, where it told it. */
export interface LedgerErrorContext {
  /** The transaction the call made, when it made one. */
  transactionId?: string;
  /** What each peer or orderer involved reported. */
  details?: FabricDetail[];
  /** The Fabric Gateway error behind this one. */
  cause?: unknown;
}

/** A ledger call that failed; its subclasses say how. */
export abstract class LedgerError extends Error {
  /** The transaction the call made, when it made one. */
  readonly transactionId?: string;
  /** What each peer or orderer involved reported; empty when Fabric said nothing more. */
  readonly details: FabricDetail[];

  protected constructor(message: string, context: LedgerErrorContext = {}) {
    super(message, { cause: context.cause });
    this.name = new.target.name;
    this.transactionId = context.transactionId;
    this.details = context.details ?? [];
  }
}

/** The chaincode refused the request with one of the domain's coded errors. */
export class ChaincodeRefusalError extends LedgerError {
  /**
   * Another endorser accepted the proposal: the peers' ledgers differ for a
   * moment, one not yet having committed the block with the latest change.
   */
  readonly endorsersDisagree: boolean;

  constructor(
    readonly code: DomainErrorCode,
    readonly detail: string,
    context: LedgerErrorContext & { endorsersDisagree?: boolean } = {},
  ) {
    super(`[${code}] ${detail}`, context);
    this.endorsersDisagree = context.endorsersDisagree ?? false;
  }
}

/** A Gateway call that failed at a stage, with Fabric's message; its subclasses say how. */
export abstract class StagedLedgerError extends LedgerError {
  constructor(
    readonly stage: LedgerStage,
    fabricMessage: string,
    context: LedgerErrorContext = {},
  ) {
    super(`${stage} failed: ${fabricMessage}`, context);
  }
}

/** A peer or orderer could not be reached, or did not answer in time, before anything was sent for ordering. */
export class LedgerUnavailableError extends StagedLedgerError {}

/**
 * The peer turned the call away before running it: it already serves as many
 * Gateway calls as it allows (`peer.limits.concurrency.gatewayService`).
 * Nothing was endorsed or ordered; the same call can work a moment later.
 */
export class LedgerBusyError extends StagedLedgerError {}

/** An evaluation, endorsement or submission failed for another reason than a refusal or an outage. */
export class LedgerCallError extends StagedLedgerError {
  /** As for {@link ChaincodeRefusalError}: some endorsers endorsed and others failed. */
  readonly endorsersDisagree: boolean;

  constructor(stage: LedgerStage, fabricMessage: string, context: LedgerErrorContext & { endorsersDisagree?: boolean } = {}) {
    super(stage, fabricMessage, context);
    this.endorsersDisagree = context.endorsersDisagree ?? false;
  }
}

/** The transaction was ordered but the peers' validation marked it invalid, so it changed nothing. */
export class CommitFailedError extends LedgerError {
  /**
   * @param validationCode Fabric's `TxValidationCode`.
   * @param validationCodeName Its name, e.g. MVCC_READ_CONFLICT.
   * @param readConflict Another transaction changed what this one read (an
   *   MVCC or phantom read conflict): the same request submitted afresh can succeed.
   * @param policyFailure The endorsements did not satisfy the policy. Through
   *   this gateway, which asks every city a write needs, that mostly means an
   *   earlier transaction in the same block created a key this one writes, or
   *   changed its key-level policy (two clients racing for one case), which
   *   Fabric then cannot judge: submitted afresh, the request is judged on the
   *   new state (typically a CONFLICT); one that really lacks an endorsement
   *   fails the same way again.
   */
  constructor(
    readonly validationCode: number,
    readonly validationCodeName: string,
    readonly readConflict: boolean,
    readonly policyFailure: boolean,
    context: LedgerErrorContext & { transactionId: string },
  ) {
    super(`transaction ${context.transactionId} was not committed: validation code ${validationCodeName}`, context);
  }
}

/** The transaction was sent for ordering, but whether it committed was not learnt in time. */
export class CommitStatusUnknownError extends LedgerError {
  constructor(context: LedgerErrorContext & { transactionId: string }) {
    super(
      `transaction ${context.transactionId} was sent for ordering but its commit was not confirmed in time; read the record before retrying`,
      context,
    );
  }
}

/** The submission to the orderers timed out: the transaction may or may not have been ordered. */
export class SubmitOutcomeUnknownError extends LedgerError {
  constructor(context: LedgerErrorContext & { transactionId: string }) {
    super(`transaction ${context.transactionId} may or may not have reached the ordering service in time; read the record before retrying`, context);
  }
}

/** This gateway has no enrolled identity for the role a call needs. */
export class RoleNotConfiguredError extends LedgerError {
  constructor(readonly role: Role) {
    super(`this gateway has no identity for role ${role}`);
  }
}

/** Anything else a ledger call threw (a signing or connection error outside Fabric Gateway's own). */
export class UnexpectedLedgerError extends LedgerError {
  constructor(cause: unknown) {
    super(`unexpected error talking to the ledger: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}
