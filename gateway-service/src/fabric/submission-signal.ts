import { AsyncLocalStorage } from 'node:async_hooks';

const listeners = new AsyncLocalStorage<() => void>();

/**
 * Runs `run`, calling `listener` when a ledger write it makes is about to be
 * sent: by then the request was read and checked, so everything the gateway
 * refuses before Fabric has been refused (LedgerWrite answers 202 only then).
 */
export const whenSubmitting = <T>(listener: () => void, run: () => T): T => listeners.run(listener, run);

/** Called by the Ledger as a write starts. */
export const announceSubmission = (): void => {
  listeners.getStore()?.();
};
