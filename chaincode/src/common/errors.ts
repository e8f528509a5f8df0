/**
 * Errors the chaincode returns to clients.
 *
 * The message starts with a stable code in brackets, e.g.
 * `[FORBIDDEN] role clerk of HaidianMSP may not publish ...`, so that the
 * gateway service can map it to an HTTP status without parsing prose.
 */
export type ChaincodeErrorCode =
  | 'INVALID_ARGUMENT'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INVALID_TRANSITION'
  | 'PRECONDITION_FAILED';

/** An error whose message carries a machine-readable code. */
export class ChaincodeError extends Error {
  constructor(
    readonly code: ChaincodeErrorCode,
    detail: string,
  ) {
    super(`[${code}] ${detail}`);
    this.name = 'ChaincodeError';
  }
}

export const invalidArgument = (detail: string): ChaincodeError => new ChaincodeError('INVALID_ARGUMENT', detail);
export const forbidden = (detail: string): ChaincodeError => new ChaincodeError('FORBIDDEN', detail);
export const notFound = (detail: string): ChaincodeError => new ChaincodeError('NOT_FOUND', detail);
export const conflict = (detail: string): ChaincodeError => new ChaincodeError('CONFLICT', detail);
export const invalidTransition = (detail: string): ChaincodeError => new ChaincodeError('INVALID_TRANSITION', detail);
export const preconditionFailed = (detail: string): ChaincodeError =>
  new ChaincodeError('PRECONDITION_FAILED', detail);
