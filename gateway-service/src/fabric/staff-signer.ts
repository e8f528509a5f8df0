import type { SubmitOptions } from './ledger';

/** The staff member who signs a write: their certificate (PEM), whose key, in their browser, signs their ledger writes. */
export interface StaffSigner {
  certificate: string;
}

/**
 * Thrown by Ledger.submit in a staff member's request instead of submitting:
 * the transaction, checked and built as for any caller, awaits the member's
 * signature. The staff module prepares it and answers 202 with what to sign.
 */
export class SignatureNeeded extends Error {
  constructor(
    readonly signer: StaffSigner,
    readonly transaction: string,
    readonly options: SubmitOptions,
  ) {
    super(`${transaction} awaits the staff member's signature`);
  }
}
