/** Results (办理结果) and their recognition (结果互认): what is sent, and what a verification says. */
import { asDate, asString, onlyFields, optional, Payload } from './readers';
import { PURPOSE_RULE, readId, SHA256_RULE } from './rules';

export const RESULT_STATUSES = ['VALID', 'REVOKED'] as const;
export type ResultStatus = (typeof RESULT_STATUSES)[number];

/** What a verification says of a presented document. */
export const VERDICTS = ['VALID', 'REVOKED', 'EXPIRED', 'UNKNOWN', 'HASH_MISMATCH'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** What the handling city's reviewer sends to issue a result. */
export interface ResultInput {
  certificateNumber: string;
  documentSha256: string;
  /** Last valid day (YYYY-MM-DD); absent when the result does not expire. */
  expiresOn?: string;
}

export const RESULT_FIELDS = ['certificateNumber', 'documentSha256', 'expiresOn'] as const;

export function readResultInput(payload: Payload): ResultInput {
  onlyFields(payload, '', RESULT_FIELDS);
  return {
    certificateNumber: readCertificateNumber(payload.certificateNumber),
    documentSha256: readDocumentSha256(payload.documentSha256),
    expiresOn: optional(payload.expiresOn, 'expiresOn', asDate),
  };
}

export const readCertificateNumber = (value: unknown, path = 'certificateNumber'): string => readId(value, path);
export const readDocumentSha256 = (value: unknown, path = 'documentSha256'): string => asString(value, path, SHA256_RULE);
export const readPurpose = (value: unknown, path = 'purpose'): string => asString(value, path, PURPOSE_RULE);

/** The fields of a result a verdict depends on. */
export interface VerifiableResult {
  documentSha256: string;
  status: ResultStatus;
  expiresOn?: string;
}

/** The verdict for a document claimed to be `result`, on calendar day `day`. */
export function verdictOf(result: VerifiableResult | undefined, documentSha256: string, day: string): Verdict {
  if (!result) return 'UNKNOWN';
  if (result.documentSha256 !== documentSha256) return 'HASH_MISMATCH';
  if (result.status === 'REVOKED') return 'REVOKED';
  if (result.expiresOn !== undefined && result.expiresOn < day) return 'EXPIRED';
  return 'VALID';
}
