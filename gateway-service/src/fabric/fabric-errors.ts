/**
 * Reads what Fabric Gateway throws as LedgerErrors: the chaincode's coded
 * refusals keep their domain code, and infrastructure failures say at which
 * stage they happened, with the peers' and orderers' details.
 */
import { status as GrpcStatus } from '@grpc/grpc-js';
import { CommitError, CommitStatusError, EndorseError, GatewayError } from '@hyperledger/fabric-gateway';
import { peer } from '@hyperledger/fabric-protos';
import { DomainError, parseDomainError } from '@tongban/chaincode/domain';
import {
  ChaincodeRefusalError,
  CommitFailedError,
  CommitStatusUnknownError,
  FabricDetail,
  LedgerBusyError,
  LedgerCallError,
  LedgerError,
  LedgerStage,
  LedgerUnavailableError,
  SubmitOutcomeUnknownError,
  UnexpectedLedgerError,
} from './ledger-errors';

/**
 * Fabric Gateway's message when the first endorser accepted but another
 * refused: the endorsers' ledgers differ for a moment (one has not yet
 * committed the block the caller just saw committed elsewhere).
 */
const ENDORSERS_DISAGREE = 'failed to collect enough transaction endorsements';

/**
 * The peer's gateway finds no reachable peers of an organisation the
 * endorsement needs (its peers are down or cut off, as gossip sees it): as
 * transient as a peer that does not answer.
 */
const NO_ENDORSERS_REACHABLE = 'no combination of peers can be derived which satisfy the endorsement policy';

/**
 * A peer's refusal of a call beyond its concurrency limit, in the error's own
 * message (this city's peer, for its Gateway service) or a detail (another
 * city's peer, for its endorser).
 */
const PEER_AT_CONCURRENCY_LIMIT = 'exceeding concurrency limit';

/** Validation codes saying that another transaction changed what this one read. */
const READ_CONFLICTS = new Set<number>([peer.TxValidationCode.MVCC_READ_CONFLICT, peer.TxValidationCode.PHANTOM_READ_CONFLICT]);
const ENDORSEMENT_POLICY_FAILURE: number = peer.TxValidationCode.ENDORSEMENT_POLICY_FAILURE;
const VALIDATION_CODE_NAMES: Partial<Record<number, string>> = Object.fromEntries(
  Object.entries(peer.TxValidationCode).map(([name, code]: [string, number]): [number, string] => [code, name]),
);

/**
 * gRPC statuses of a call that ran out of time, as the plain numbers GatewayError.code holds.
 * CANCELLED is the same deadline seen from the other end: a gRPC server resets the stream
 * (RST_STREAM CANCEL) when the deadline the client sent passes, and grpc-js reports that as
 * CANCELLED "Call cancelled" when it arrives before the client's own timer fires (a busy
 * event loop; seen on a submission while the Raft leader was stopped).
 */
const TIMED_OUT = new Set<number>([GrpcStatus.DEADLINE_EXCEEDED, GrpcStatus.CANCELLED]);
/** gRPC statuses of a call no peer or orderer answered (in time). */
const UNANSWERED = new Set<number>([GrpcStatus.UNAVAILABLE, ...TIMED_OUT]);

// SubmitError is exported as a type only: recognise it by name.
const isSubmitError = (error: GatewayError): error is GatewayError & { transactionId: string } => error.name === 'SubmitError';

function stageOf(error: GatewayError): LedgerStage {
  if (error instanceof EndorseError) return 'endorse';
  return isSubmitError(error) ? 'submit' : 'evaluate';
}

/** The chaincode's refusal in the peers' messages or the error's own, if there is one. */
function refusalIn(error: GatewayError): DomainError | undefined {
  return [...error.details.map((detail) => detail.message), error.message].map(parseDomainError).find((refusal) => refusal !== undefined);
}

/** The LedgerError for anything a Fabric Gateway call threw; a LedgerError is returned as it is. */
export function toLedgerError(error: unknown): LedgerError {
  if (error instanceof LedgerError) return error;
  if (error instanceof CommitError) {
    const name = VALIDATION_CODE_NAMES[error.code] ?? String(error.code);
    return new CommitFailedError(error.code, name, READ_CONFLICTS.has(error.code), error.code === ENDORSEMENT_POLICY_FAILURE, {
      transactionId: error.transactionId,
      cause: error,
    });
  }
  if (!(error instanceof GatewayError)) return new UnexpectedLedgerError(error);

  const details: FabricDetail[] = error.details.map(({ address, mspId, message }) => ({ address, mspId, message }));
  const context = { details, cause: error };
  if (error instanceof CommitStatusError) return new CommitStatusUnknownError({ ...context, transactionId: error.transactionId });
  const stage = stageOf(error);
  if (isSubmitError(error) && TIMED_OUT.has(error.code)) {
    return new SubmitOutcomeUnknownError({ ...context, transactionId: error.transactionId });
  }
  const transactionId = error instanceof EndorseError || isSubmitError(error) ? error.transactionId : undefined;
  const endorsersDisagree = stage === 'endorse' && error.message.includes(ENDORSERS_DISAGREE);
  // Only evaluation and endorsement run the chaincode; nothing after them can be its refusal.
  const refusal = stage === 'submit' ? undefined : refusalIn(error);
  if (refusal) return new ChaincodeRefusalError(refusal.code, refusal.detail, { ...context, transactionId, endorsersDisagree });
  if ([error.message, ...details.map((detail) => detail.message)].some((message) => message.includes(PEER_AT_CONCURRENCY_LIMIT))) {
    return new LedgerBusyError(stage, error.message, { ...context, transactionId });
  }
  if (UNANSWERED.has(error.code) || (stage === 'endorse' && error.message.includes(NO_ENDORSERS_REACHABLE))) {
    return new LedgerUnavailableError(stage, error.message, { ...context, transactionId });
  }
  return new LedgerCallError(stage, error.message, { ...context, transactionId, endorsersDisagree });
}
