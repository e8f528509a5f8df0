import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { LedgerError } from '../fabric/ledger-errors';
import { ApiError } from './api-error';
import { KnownRoutes } from './known-routes';
import { ledgerProblem } from './ledger-problems';

/**
 * Maps Nest's own HTTP exceptions to stable codes. Our validation answers
 * with ApiErrors, so a plain 400 is a request that could not be parsed:
 * invalid JSON, a bad percent-encoding in the path, or a multipart upload
 * multer refuses (an unexpected field, a second file).
 */
const HTTP_CODES: Partial<Record<number, string>> = {
  [HttpStatus.BAD_REQUEST]: 'MALFORMED_REQUEST',
  [HttpStatus.NOT_FOUND]: 'ROUTE_NOT_FOUND',
  [HttpStatus.METHOD_NOT_ALLOWED]: 'METHOD_NOT_ALLOWED',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'PAYLOAD_TOO_LARGE',
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: 'UNSUPPORTED_MEDIA_TYPE',
};

/** HttpStatus's reverse mapping (404 → 'NOT_FOUND'); a status it does not name has none. */
const STATUS_NAMES: Partial<Record<number, string>> = HttpStatus;

/** Turns any error into an ApiError; unknown errors become a 500 without internals. */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof LedgerError) return ledgerProblem(error);
  if (error instanceof HttpException) {
    const status = error.getStatus();
    // Typed string | object, but it is whatever the exception was built with, null included.
    const response: unknown = error.getResponse();
    const message = typeof response === 'object' && response !== null && 'message' in response ? response.message : error.message;
    return new ApiError(status, HTTP_CODES[status] ?? `HTTP_${status}`, Array.isArray(message) ? message.join('; ') : String(message));
  }
  return new ApiError(HttpStatus.INTERNAL_SERVER_ERROR, 'INTERNAL', 'an unexpected error occurred; the request id identifies it in the logs');
}

/**
 * Renders every error as application/problem+json (RFC 9457) with a stable
 * `code`, the Fabric details where there are some, and Retry-After where a
 * retry can succeed.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  constructor(private readonly routes: KnownRoutes) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    let error = asApiError(exception);
    const allowed = error.code === 'ROUTE_NOT_FOUND' ? this.routes.allowed(request.path) : [];
    if (allowed.length > 0) {
      response.setHeader('Allow', allowed.join(', '));
      error = new ApiError(HttpStatus.METHOD_NOT_ALLOWED, 'METHOD_NOT_ALLOWED', `${request.path} takes ${allowed.join(', ')}, not ${request.method}`);
    }
    if (error.status >= 500) {
      // The error's own message, never the request: bodies may carry personal data.
      this.logger.error(`${error.code}: ${exception instanceof Error ? exception.message : String(exception)}`, {
        requestId: request.id,
      });
    }
    sendProblem(request, response, error);
  }
}

/** Writes `error` as the answer to `request`: application/problem+json, with Retry-After where a retry can succeed. */
export function sendProblem(request: Request & { id?: string }, response: Response, error: ApiError): void {
  if (error.extra.retryAfterSeconds !== undefined) {
    response.setHeader('Retry-After', String(error.extra.retryAfterSeconds));
  }
  response
    .status(error.status)
    .type('application/problem+json')
    .send({
      type: `https://tongban.example/problems/${error.code.toLowerCase().replace(/_/g, '-')}`,
      title: STATUS_NAMES[error.status] ?? 'Error',
      status: error.status,
      code: error.code,
      detail: error.detail,
      instance: request.originalUrl,
      requestId: request.id,
      transactionId: error.extra.transactionId,
      errors: error.extra.errors,
      fabric: error.extra.fabric,
    });
}
