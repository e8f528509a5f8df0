import { HttpStatus, NestApplicationOptions } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { ConfigService } from '@nestjs/config';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { ApiError } from './common/api-error';
import { Drain } from './common/drain';
import { assignRequestId } from './common/request-context.middleware';
import { limitPerAddress } from './common/rate-limit';
import { GatewayConfig } from './config/configuration';
import { serveWebPages } from './pages/web-pages';

/**
 * The largest JSON body the API reads: a case with a full manifest (100
 * materials) is about 70 KB. Uploads are multipart and have their own limit
 * (TONGBAN_MATERIAL_MAX_BYTES).
 */
export const JSON_BODY_LIMIT_BYTES = 256 * 1024;

/** What Express's body parser passes on when it refuses a body (an http-errors error, not an HttpException). */
interface BodyParserError {
  type: string;
  status: number;
  limit?: number;
}

const isBodyParserError = (error: unknown): error is BodyParserError =>
  error instanceof Error &&
  typeof (error as Partial<BodyParserError>).type === 'string' &&
  typeof (error as Partial<BodyParserError>).status === 'number';

/** The answer to a body the parser refused; its message never quotes the body (it may hold personal data). */
function bodyProblem(error: BodyParserError): ApiError {
  switch (error.type) {
    case 'entity.too.large':
      return new ApiError(
        HttpStatus.PAYLOAD_TOO_LARGE,
        'PAYLOAD_TOO_LARGE',
        `the request body is larger than the limit of ${String(error.limit)} bytes`,
      );
    case 'entity.parse.failed':
      return new ApiError(HttpStatus.BAD_REQUEST, 'MALFORMED_REQUEST', 'the request body is not valid JSON');
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new ApiError(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        'UNSUPPORTED_MEDIA_TYPE',
        'send the body as JSON in UTF-8, uncompressed or gzip/deflate',
      );
    default:
      return new ApiError(HttpStatus.BAD_REQUEST, 'MALFORMED_REQUEST', `the request body could not be read (${error.type})`);
  }
}

/**
 * HTTPS with the gateway's TLS certificate. A client certificate is asked for
 * but not required: partner cities' gateways present theirs (checked by the
 * partner routes' guard against the channel's TLS CAs, not by the handshake),
 * the city's own systems authenticate with API keys.
 */
export function httpsOptionsOf(tls: GatewayConfig['tls']): NestApplicationOptions['httpsOptions'] {
  return { cert: readFileSync(tls.certificatePath), key: readFileSync(tls.privateKeyPath), requestCert: true, rejectUnauthorized: false };
}

/** The HTTP settings of the API, the same in the service and in its tests; `drain` sees every request first, once it has its id. */
export function configureHttp(app: NestExpressApplication, drain: Drain): void {
  const { rateLimits, requestTimeoutMs } = app.get(ConfigService).get<GatewayConfig>('gateway') as GatewayConfig;
  // An import's file arrives at the pace the ledger records it (GatewayConfig.requestTimeoutMs).
  app.getHttpServer().requestTimeout = requestTimeoutMs;
  app.use(assignRequestId);
  app.use(drain.middleware);
  app.use(limitPerAddress(rateLimits.perAddress));
  // Routes anyone may call without a key: their own, lower limit per address.
  app.use('/public', limitPerAddress(rateLimits.publicPerAddress));
  // Bodies are JSON, except uploads: multipart/form-data that multer reads into memory on the
  // materials routes (FileInterceptor), and that an import reads as a stream (busboy). So the
  // JSON parser only, no urlencoded one.
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT_BYTES });
  // Turned into answers here, before Nest would pass on the JSON parser's own message, which quotes the body.
  app.use((error: unknown, _request: Request, _response: Response, next: NextFunction) => {
    next(isBodyParserError(error) ? bodyProblem(error) : error);
  });
  app.disable('x-powered-by');
  // Answers are live ledger state: hashing each one for an ETag costs CPU and saves nothing.
  app.set('etag', false);
  // nosniff, no framing, a content security policy for the pages (Swagger UI at /docs loads its own scripts and styles).
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'default-src': ["'self'"],
          // blob: the console shows QR codes and materials it fetched with its session.
          'img-src': ["'self'", 'data:', 'blob:'],
          'style-src': ["'self'", "'unsafe-inline'"],
          'frame-ancestors': ["'none'"],
        },
      },
    }),
  );
  serveWebPages(app);
}
