/**
 * Turns what Fabric Gateway throws into ApiErrors: the chaincode's own coded
 * errors keep their meaning (403, 404, 409, 400), and infrastructure failures
 * become 502/503 with the peers' details and, where a retry can work, a
 * Retry-After.
 */
import { HttpStatus } from '@nestjs/common';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { CommitError, CommitStatusError, EndorseError, GatewayError } from '@hyperledger/fabric-gateway';
import { peer } from '@hyperledger/fabric-protos';
import { ApiError, FabricDetail } from '../common/api-error';

const CHAINCODE_CODES: Record<string, HttpStatus> = {
  INVALID_ARGUMENT: HttpStatus.BAD_REQUEST,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  CONFLICT: HttpStatus.CONFLICT,
  INVALID_TRANSITION: HttpStatus.CONFLICT,
  PRECONDITION_FAILED: HttpStatus.CONFLICT,
};
const CHAINCODE_ERROR = new RegExp(`\\[(${Object.keys(CHAINCODE_CODES).join('|')})\\] ([^\\n]*)`);

/**
 * Fabric Gateway's message when the first endorser accepted but another
 * refused: the endorsers' ledgers differ for a moment (one has not yet
 * committed the block the caller just saw committed elsewhere).
 */
const ENDORSERS_DISAGREE = 'failed to collect enough transaction endorsements';

/**
 * Chaincode refusals that depend on ledger state. The city's own peer may not
 * yet have committed the block with another city's last change (the case it
 * forwarded, the agreement it signed), so such a refusal is tried again after
 * a pause before it is final; no write has happened either way.
 */
const STATE_DEPENDENT_CODES = new Set(['NOT_FOUND', 'INVALID_TRANSITION', 'PRECONDITION_FAILED']);

/** Commit outcomes that a fresh submission of the same request can fix. */
const RETRYABLE_VALIDATION_CODES = new Set<number>([
  peer.TxValidationCode.MVCC_READ_CONFLICT,
  peer.TxValidationCode.PHANTOM_READ_CONFLICT,
]);
const VALIDATION_CODE_NAMES = Object.fromEntries(Object.entries(peer.TxValidationCode).map(([name, code]) => [code, name]));

// SubmitError is exported as a type only: recognise it by name.
const isSubmitError = (error: unknown): error is GatewayError & { transactionId: string } =>
  error instanceof GatewayError && error.name === 'SubmitError';

function detailsOf(error: GatewayError): FabricDetail[] {
  return error.details.map(({ address, mspId, message }) => ({ address, mspId, message }));
}

/** The chaincode's coded error inside a Fabric error, if there is one. */
export function chaincodeErrorOf(error: unknown): ApiError | undefined {
  if (!(error instanceof GatewayError)) return undefined;
  for (const text of [...error.details.map((detail) => detail.message), error.message]) {
    const match = CHAINCODE_ERROR.exec(text);
    if (match) {
      return new ApiError(CHAINCODE_CODES[match[1]], match[1], match[2], {
        transactionId: 'transactionId' in error ? (error as EndorseError).transactionId : undefined,
      });
    }
  }
  return undefined;
}

/** True when submitting the same request again may succeed. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof CommitError) {
    return RETRYABLE_VALIDATION_CODES.has(error.code);
  }
  if (error instanceof EndorseError && error.message.includes(ENDORSERS_DISAGREE)) {
    // One city's peer has committed the last block and another not yet: a moment later they agree.
    return true;
  }
  if (error instanceof EndorseError) {
    // Nothing was sent for ordering yet: trying again cannot apply the change twice.
    const refusal = chaincodeErrorOf(error);
    if (refusal) return STATE_DEPENDENT_CODES.has(refusal.code);
    return error.code === GrpcStatus.UNAVAILABLE || error.code === GrpcStatus.DEADLINE_EXCEEDED;
  }
  if (isSubmitError(error)) {
    // A submission that timed out may still be ordered; only a refused connection is surely not.
    return error.code === GrpcStatus.UNAVAILABLE;
  }
  return false;
}

/** The ApiError for anything a Fabric call threw. */
export function toApiError(error: unknown): ApiError {
  const coded = chaincodeErrorOf(error);
  if (coded) return coded;
  if (error instanceof CommitError) {
    const name = VALIDATION_CODE_NAMES[error.code] ?? String(error.code);
    const retryable = RETRYABLE_VALIDATION_CODES.has(error.code);
    return new ApiError(
      retryable ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_GATEWAY,
      `COMMIT_${name}`,
      `transaction ${error.transactionId} was not committed: validation code ${name}`,
      { transactionId: error.transactionId, retryAfterSeconds: retryable ? 1 : undefined },
    );
  }
  if (error instanceof CommitStatusError) {
    return new ApiError(
      HttpStatus.SERVICE_UNAVAILABLE,
      'COMMIT_STATUS_UNKNOWN',
      `transaction ${error.transactionId} was sent for ordering but its commit was not confirmed in time; read the record before retrying`,
      { transactionId: error.transactionId, fabric: detailsOf(error), retryAfterSeconds: 5 },
    );
  }
  if (isSubmitError(error) && error.code === GrpcStatus.DEADLINE_EXCEEDED) {
    return new ApiError(
      HttpStatus.SERVICE_UNAVAILABLE,
      'SUBMIT_OUTCOME_UNKNOWN',
      `transaction ${error.transactionId} may or may not have reached the ordering service in time; read the record before retrying`,
      { transactionId: error.transactionId, fabric: detailsOf(error), retryAfterSeconds: 5 },
    );
  }
  if (error instanceof GatewayError) {
    const unavailable = error.code === GrpcStatus.UNAVAILABLE || error.code === GrpcStatus.DEADLINE_EXCEEDED;
    const stage = error instanceof EndorseError ? 'ENDORSE' : isSubmitError(error) ? 'SUBMIT' : 'EVALUATE';
    return new ApiError(
      unavailable ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_GATEWAY,
      unavailable ? `FABRIC_UNAVAILABLE` : `FABRIC_${stage}_FAILED`,
      `${stage.toLowerCase()} failed: ${error.message}`,
      {
        transactionId: 'transactionId' in error ? (error as EndorseError).transactionId : undefined,
        fabric: detailsOf(error),
        retryAfterSeconds: unavailable ? 2 : undefined,
      },
    );
  }
  return new ApiError(HttpStatus.INTERNAL_SERVER_ERROR, 'INTERNAL', 'unexpected error talking to the ledger');
}
