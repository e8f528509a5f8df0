import type { FabricDetail } from '../fabric/ledger-errors';

/**
 * An error the API answers with: HTTP status, a stable machine-readable code
 * and a detail naming what was wrong. Rendered as application/problem+json by
 * the global exception filter.
 */
export class ApiError extends Error {
  constructor(
    /** The HTTP status (an HttpStatus member; a number, as Nest's HttpException.getStatus() gives it). */
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly extra: {
      transactionId?: string;
      fabric?: FabricDetail[];
      /** Seconds after which a retry can succeed; sent as Retry-After. */
      retryAfterSeconds?: number;
      errors?: string[];
    } = {},
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}
