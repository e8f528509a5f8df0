/**
 * The one call the page makes: GET /public/results/{number}/verification on
 * the gateway that served it. Only the document's SHA-256 is sent.
 */

// The gateway's own types (type-only: nothing of the gateway is bundled), so the page reads what it answers.
import type { PublicVerdict } from '../../../src/public-verification/public-verdict';
export type { PublicVerdict };
export type { Verdict } from '@tongban/chaincode/domain';

/** The field a refusal names, by its code. */
const FIELD_CODES = { INVALID_CERTIFICATE_NUMBER: 'certificate', INVALID_DOCUMENT_SHA256: 'sha256' } as const;
export type Field = (typeof FIELD_CODES)[keyof typeof FIELD_CODES];

export type Outcome =
  | { kind: 'verdict'; verdict: PublicVerdict }
  | { kind: 'invalid'; field: Field }
  | { kind: 'rateLimited'; retryAfterSeconds: number }
  | { kind: 'unavailable' };

export async function verifyDocument(certificateNumber: string, documentSha256: string): Promise<Outcome> {
  const path = `/public/results/${encodeURIComponent(certificateNumber)}/verification?documentSha256=${encodeURIComponent(documentSha256)}`;
  let response: Response;
  try {
    response = await fetch(path, { headers: { accept: 'application/json' } });
  } catch {
    return { kind: 'unavailable' };
  }
  if (response.ok) return { kind: 'verdict', verdict: (await response.json()) as PublicVerdict };
  if (response.status === 429) return { kind: 'rateLimited', retryAfterSeconds: Number(response.headers.get('retry-after')) || 1 };
  const problem = (await response.json().catch(() => ({}))) as { code?: string };
  const field = FIELD_CODES[problem.code as keyof typeof FIELD_CODES] as Field | undefined;
  return field ? { kind: 'invalid', field } : { kind: 'unavailable' };
}
