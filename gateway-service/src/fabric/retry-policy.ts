/**
 * When the gateway submits a transaction again by itself: which failures a
 * fresh submission of the same request can fix, how many times, and how long
 * it waits between attempts.
 */
import { STATE_DEPENDENT_CODES } from '@tongban/chaincode/domain';
import { setTimeout as sleep } from 'node:timers/promises';
import { toLedgerError } from './fabric-errors';
import { ChaincodeRefusalError, CommitFailedError, LedgerBusyError, LedgerCallError, LedgerError, LedgerUnavailableError } from './ledger-errors';

/**
 * True when submitting the same request again may succeed and cannot apply it
 * twice: nothing was ordered yet, or what was ordered was invalidated.
 */
export function isRetryable(error: LedgerError): boolean {
  if (error instanceof ChaincodeRefusalError) {
    // A peer that lags behind another city's last change may refuse what it will accept a moment later.
    return error.endorsersDisagree || STATE_DEPENDENT_CODES.includes(error.code);
  }
  if (error instanceof LedgerCallError) return error.endorsersDisagree;
  if (error instanceof LedgerUnavailableError || error instanceof LedgerBusyError) return true;
  // Invalidated by a transaction ordered before it: judged afresh on the new state.
  if (error instanceof CommitFailedError) return error.readConflict || error.policyFailure;
  // Submission timed out or commit unconfirmed: the transaction may be ordered, so it is never resent.
  return false;
}

/** The pause before retry number `retry` (0 first): about 150, 300, 600 ms..., with jitter so that callers spread out. */
export function retryPause(retry: number): number {
  return 150 * 2 ** retry + Math.floor(Math.random() * 100);
}

/**
 * Runs `call`, and again after a pause while it fails in a retryable way, at
 * most `retries` more times. Throws the last failure as a LedgerError.
 */
export async function withRetries<T>(
  call: () => Promise<T>,
  retries: number,
  onRetry: (failure: LedgerError, retry: number, pauseMs: number) => void = () => undefined,
): Promise<T> {
  for (let retry = 0; ; retry += 1) {
    try {
      return await call();
    } catch (error) {
      const failure = toLedgerError(error);
      if (retry >= retries || !isRetryable(failure)) throw failure;
      const pause = retryPause(retry);
      onRetry(failure, retry, pause);
      await sleep(pause);
    }
  }
}
