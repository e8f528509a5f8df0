import { HttpStatus } from '@nestjs/common';
import type { DomainErrorCode } from '@tongban/chaincode/domain';
import {
  ChaincodeRefusalError,
  CommitFailedError,
  CommitStatusUnknownError,
  LedgerBusyError,
  LedgerCallError,
  LedgerError,
  LedgerUnavailableError,
  RoleNotConfiguredError,
  SubmitOutcomeUnknownError,
} from '../fabric/ledger-errors';
import { isRetryable } from '../fabric/retry-policy';
import { ApiError } from './api-error';

/** The HTTP status of each chaincode refusal; the refusal's code is the answer's code. */
const REFUSAL_STATUS: Record<DomainErrorCode, HttpStatus> = {
  INVALID_ARGUMENT: HttpStatus.BAD_REQUEST,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  CONFLICT: HttpStatus.CONFLICT,
  INVALID_TRANSITION: HttpStatus.CONFLICT,
  PRECONDITION_FAILED: HttpStatus.CONFLICT,
};

/**
 * How the API answers a failed ledger call: a chaincode refusal keeps its
 * domain code (400, 403, 404, 409); infrastructure failures become 502 or,
 * where a retry can work, 503 with Retry-After, with the peers' details and
 * the transaction id.
 */
export function ledgerProblem(error: LedgerError): ApiError {
  const { transactionId, details: fabric, message } = error;
  if (error instanceof ChaincodeRefusalError) {
    return new ApiError(REFUSAL_STATUS[error.code], error.code, error.detail, { transactionId });
  }
  if (error instanceof CommitFailedError) {
    return error.readConflict
      ? new ApiError(HttpStatus.SERVICE_UNAVAILABLE, `COMMIT_${error.validationCodeName}`, message, { transactionId, retryAfterSeconds: 1 })
      : new ApiError(HttpStatus.BAD_GATEWAY, `COMMIT_${error.validationCodeName}`, message, { transactionId });
  }
  if (error instanceof CommitStatusUnknownError) {
    return new ApiError(HttpStatus.SERVICE_UNAVAILABLE, 'COMMIT_STATUS_UNKNOWN', message, { transactionId, fabric, retryAfterSeconds: 5 });
  }
  if (error instanceof SubmitOutcomeUnknownError) {
    return new ApiError(HttpStatus.SERVICE_UNAVAILABLE, 'SUBMIT_OUTCOME_UNKNOWN', message, { transactionId, fabric, retryAfterSeconds: 5 });
  }
  if (error instanceof LedgerUnavailableError) {
    return new ApiError(HttpStatus.SERVICE_UNAVAILABLE, 'FABRIC_UNAVAILABLE', message, { transactionId, fabric, retryAfterSeconds: 2 });
  }
  if (error instanceof LedgerBusyError) {
    return new ApiError(HttpStatus.SERVICE_UNAVAILABLE, 'FABRIC_BUSY', message, { transactionId, fabric, retryAfterSeconds: 1 });
  }
  if (error instanceof LedgerCallError) {
    // Endorsers that disagree (one city's peer down or behind) may agree a moment later: the retry policy's view.
    const retryAfterSeconds = isRetryable(error) ? 1 : undefined;
    const status = retryAfterSeconds === undefined ? HttpStatus.BAD_GATEWAY : HttpStatus.SERVICE_UNAVAILABLE;
    return new ApiError(status, `FABRIC_${error.stage.toUpperCase()}_FAILED`, message, { transactionId, fabric, retryAfterSeconds });
  }
  if (error instanceof RoleNotConfiguredError) {
    return new ApiError(HttpStatus.SERVICE_UNAVAILABLE, 'ROLE_NOT_CONFIGURED', message);
  }
  // The cause's own message goes to the log (ProblemFilter), not to the caller.
  return new ApiError(HttpStatus.INTERNAL_SERVER_ERROR, 'INTERNAL', 'unexpected error talking to the ledger');
}
