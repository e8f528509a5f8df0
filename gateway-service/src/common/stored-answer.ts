import { ApiError } from './api-error';

/**
 * An answer kept to be given later: a success with its body (and where a new
 * record can be read), or a refusal with its code. The idempotency store keeps
 * the first answer to a key; an asynchronous write keeps the answer it ended with.
 */
export interface StoredAnswer {
  status: number;
  body?: unknown;
  location?: string;
  problem?: { code: string; detail: string; transactionId?: string };
}

/** The answer `error` is given as: its status, code, detail and Fabric transaction. */
export const refusalOf = (error: ApiError): StoredAnswer => ({
  status: error.status,
  problem: { code: error.code, detail: error.detail, transactionId: error.extra.transactionId },
});
