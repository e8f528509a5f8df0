/**
 * How routes describe their answers in the OpenAPI document: records from
 * the chaincode's own schemas, and every refusal as application/problem+json.
 */
import { applyDecorators, HttpStatus } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { HeadersObject, ResponseObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { LedgerWrite, LocationOf } from '../transactions/ledger-write';
import { transactionOf } from './contract-metadata';

/** A peer's part in a failed Fabric call. */
export class FabricDetailDto {
  @ApiProperty({ example: 'peer0.foshan.tongban.example:7251' })
  address!: string;

  @ApiProperty({ example: 'FoshanMSP' })
  mspId!: string;

  @ApiProperty()
  message!: string;
}

/** Every error answer: application/problem+json (RFC 9457) with a stable `code`. */
export class ProblemDto {
  @ApiProperty({ example: 'https://tongban.example/problems/invalid-transition' })
  type!: string;

  @ApiProperty({ example: 'CONFLICT' })
  title!: string;

  @ApiProperty({ type: 'integer', example: 409 })
  status!: number;

  @ApiProperty({ example: 'INVALID_TRANSITION', description: 'Stable and machine-readable; the detail may change' })
  code!: string;

  @ApiProperty({ example: 'case HD-2026-0001 is ACCEPTED; approve needs ACCEPTED' })
  detail!: string;

  @ApiProperty({ example: '/cases/HD-2026-0001/approval' })
  instance!: string;

  @ApiProperty({ description: "The request's id, as in the gateway's logs" })
  requestId!: string;

  @ApiPropertyOptional({ description: 'The Fabric transaction, when one was made' })
  transactionId?: string;

  @ApiPropertyOptional({ type: [String], description: 'Every field that was wrong (VALIDATION_FAILED)' })
  errors?: string[];

  @ApiPropertyOptional({ type: [FabricDetailDto], description: "The peers' answers, for a failed Fabric call" })
  fabric?: FabricDetailDto[];
}

/** The media type of a stored file (an answer's, or an upload's encoding), replaced in the document by those the city's stores accept. */
export const FILE_CONTENT_MARKER = 'application/octet-stream';

/** A route answering with a stored file (a material or a result's document). */
export const FileResponse = (description: string): MethodDecorator =>
  ApiResponse({ status: HttpStatus.OK, description, content: { [FILE_CONTENT_MARKER]: { schema: { type: 'string', format: 'binary' } } } });

/** A route answering with a record of the chaincode's (`name` of its schemas) that it makes itself. */
export const RecordResponse = (name: string, description: string, status: HttpStatus = HttpStatus.OK): MethodDecorator =>
  ApiResponse({ status, description, schema: { $ref: `#/components/schemas/${name}` } });

const RETRY_AFTER: HeadersObject = { 'Retry-After': { description: 'Seconds after which a retry can succeed', schema: { type: 'integer' } } };

/** What each refusal means, wherever it is answered. */
const PROBLEMS: Partial<Record<HttpStatus, string>> = {
  [HttpStatus.BAD_REQUEST]: 'The request is malformed or a field breaks its rule (VALIDATION_FAILED, MALFORMED_REQUEST, INVALID_ARGUMENT)',
  [HttpStatus.UNAUTHORIZED]: 'No API key, or one this gateway does not know (UNAUTHENTICATED)',
  [HttpStatus.FORBIDDEN]: "The key's role may not do this (ROLE_NOT_ALLOWED), or the chaincode's access rules refuse this city (FORBIDDEN)",
  [HttpStatus.NOT_FOUND]: 'No such record (NOT_FOUND)',
  [HttpStatus.CONFLICT]:
    "The record's state does not allow this (INVALID_TRANSITION, PRECONDITION_FAILED, CONFLICT), or the Idempotency-Key was used for another request (IDEMPOTENCY_MISMATCH)",
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'The body is over the limit (PAYLOAD_TOO_LARGE)',
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: 'The file is not of an accepted media type (MEDIA_TYPE_NOT_ALLOWED)',
  [HttpStatus.TOO_MANY_REQUESTS]: 'Over the rate limit of this client address or API key (RATE_LIMITED)',
  [HttpStatus.BAD_GATEWAY]: 'Fabric refused or failed the call in a way a retry does not mend',
  [HttpStatus.SERVICE_UNAVAILABLE]:
    'Fabric or the gateway cannot answer now (FABRIC_UNAVAILABLE, FABRIC_BUSY, DRAINING, ...); retry after Retry-After',
};

/** The document's response object for a refusal with `status`. */
export function problemResponse(status: HttpStatus): ResponseObject {
  const retryable = status === HttpStatus.TOO_MANY_REQUESTS || status === HttpStatus.SERVICE_UNAVAILABLE;
  return {
    description: PROBLEMS[status] ?? HttpStatus[status],
    content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
    ...(retryable ? { headers: RETRY_AFTER } : {}),
  };
}

/** Declares the refusals a route answers besides those every route can (see document.ts). */
export const ProblemResponses = (...statuses: HttpStatus[]): MethodDecorator =>
  applyDecorators(ApiExtraModels(ProblemDto), ...statuses.map((status) => ApiResponse({ status, ...problemResponse(status) })));

/** The refusals of a ledger call: the chaincode's (400, 403, 404, and 409 for a write) and Fabric's (502, 503). */
const ledgerProblems = (submits: boolean): HttpStatus[] => [
  HttpStatus.BAD_REQUEST,
  HttpStatus.FORBIDDEN,
  HttpStatus.NOT_FOUND,
  ...(submits ? [HttpStatus.CONFLICT] : []),
  HttpStatus.BAD_GATEWAY,
  HttpStatus.SERVICE_UNAVAILABLE,
];

/** How a ledger route's success answer differs from the default (200 with the transaction's return value). */
export interface LedgerAnswer {
  status?: HttpStatus;
  /** For a transaction that returns JSON as a string: the schema of that JSON. */
  schema?: SchemaObject;
  /** For a write that creates a record: where it can be read (the Location header). */
  location?: LocationOf;
}

/**
 * A route answering with what a chaincode transaction (`Contract:Name`)
 * returns: the schema is the chaincode's own, and the refusals those of the
 * ledger call. A route that submits is a ledger write (it may answer
 * asynchronously, see LedgerWrite).
 */
export function LedgerResponse(transaction: string, description: string, answer: LedgerAnswer = {}): MethodDecorator {
  const { returns, submits } = transactionOf(transaction);
  const headers: HeadersObject = {
    ...(answer.location ? { Location: { description: 'Where the new record can be read', required: true, schema: { type: 'string' } } } : {}),
  };
  return applyDecorators(
    ApiResponse({ status: answer.status ?? HttpStatus.OK, description, schema: answer.schema ?? returns, headers }),
    ProblemResponses(...ledgerProblems(submits)),
    ...(submits ? [LedgerWrite(answer.location)] : []),
  );
}
