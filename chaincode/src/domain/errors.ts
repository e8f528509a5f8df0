/**
 * The refusals of the domain, each with a stable code. A refusal travels from
 * the chaincode to the gateway inside Fabric's error messages as
 * `[CODE] detail`, e.g. `[FORBIDDEN] role clerk of HaidianMSP may not publish
 * ...`, so the gateway knows its meaning without parsing prose.
 */
export const DOMAIN_ERROR_CODES = ['INVALID_ARGUMENT', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'INVALID_TRANSITION', 'PRECONDITION_FAILED'] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/**
 * Refusals that depend on ledger state rather than on the request: a peer that
 * has not yet committed another city's last change may give them, and the same
 * request may succeed a moment later.
 */
export const STATE_DEPENDENT_CODES: readonly DomainErrorCode[] = ['NOT_FOUND', 'INVALID_TRANSITION', 'PRECONDITION_FAILED'];

/** An error whose message carries a machine-readable code. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    readonly detail: string,
  ) {
    super(`[${code}] ${detail}`);
    this.name = 'DomainError';
  }
}

export const invalidArgument = (detail: string): DomainError => new DomainError('INVALID_ARGUMENT', detail);
export const forbidden = (detail: string): DomainError => new DomainError('FORBIDDEN', detail);
export const notFound = (detail: string): DomainError => new DomainError('NOT_FOUND', detail);
export const conflict = (detail: string): DomainError => new DomainError('CONFLICT', detail);
export const invalidTransition = (detail: string): DomainError => new DomainError('INVALID_TRANSITION', detail);
export const preconditionFailed = (detail: string): DomainError => new DomainError('PRECONDITION_FAILED', detail);

const CODED = new RegExp(`\\[(${DOMAIN_ERROR_CODES.join('|')})\\] ([^\\n]*)`);

/** The domain refusal written in `text` (a Fabric error message), if there is one. */
export function parseDomainError(text: string): DomainError | undefined {
  const match = CODED.exec(text);
  return match ? new DomainError(match[1] as DomainErrorCode, match[2]) : undefined;
}
