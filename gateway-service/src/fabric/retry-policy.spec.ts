import { status as GrpcStatus, Metadata, ServiceError } from '@grpc/grpc-js';
import { EndorseError } from '@hyperledger/fabric-gateway';
import { DOMAIN_ERROR_CODES, DomainErrorCode } from '@tongban/chaincode/domain';
import {
  ChaincodeRefusalError,
  CommitFailedError,
  CommitStatusUnknownError,
  LedgerCallError,
  LedgerUnavailableError,
  RoleNotConfiguredError,
  SubmitOutcomeUnknownError,
  UnexpectedLedgerError,
} from './ledger-errors';
import { isRetryable, retryPause, withRetries } from './retry-policy';

const RETRIED_REFUSALS: DomainErrorCode[] = ['NOT_FOUND', 'INVALID_TRANSITION', 'PRECONDITION_FAILED'];

describe('retry policy', () => {
  it.each(DOMAIN_ERROR_CODES)('retries a %s refusal only if it depends on ledger state a peer may lag behind on', (code) => {
    expect(isRetryable(new ChaincodeRefusalError(code, 'x'))).toBe(RETRIED_REFUSALS.includes(code));
  });

  it('retries any refusal or failure given while the endorsers disagree', () => {
    expect(isRetryable(new ChaincodeRefusalError('CONFLICT', 'case HD-1 already exists', { endorsersDisagree: true }))).toBe(true);
    expect(isRetryable(new LedgerCallError('endorse', 'failed to collect enough transaction endorsements', { endorsersDisagree: true }))).toBe(true);
    expect(isRetryable(new LedgerCallError('endorse', 'chaincode crashed'))).toBe(false);
  });

  it('retries an unreachable peer or orderer, since nothing was ordered', () => {
    expect(isRetryable(new LedgerUnavailableError('endorse', 'connection refused'))).toBe(true);
    expect(isRetryable(new LedgerUnavailableError('submit', 'connection refused'))).toBe(true);
  });

  it('retries a commit invalidated by an earlier transaction (read conflict, or a key policy it set), but no other invalid commit', () => {
    expect(isRetryable(new CommitFailedError(11, 'MVCC_READ_CONFLICT', true, false, { transactionId: 'tx2' }))).toBe(true);
    // Lost to a transaction earlier in its block that created the key (two clients racing for one case id).
    expect(isRetryable(new CommitFailedError(10, 'ENDORSEMENT_POLICY_FAILURE', false, true, { transactionId: 'tx3' }))).toBe(true);
    expect(isRetryable(new CommitFailedError(12, 'DUPLICATE_TXID', false, false, { transactionId: 'tx4' }))).toBe(false);
  });

  it('never resubmits a transaction that may have been ordered, nor what a retry cannot fix', () => {
    expect(isRetryable(new SubmitOutcomeUnknownError({ transactionId: 'tx5' }))).toBe(false);
    expect(isRetryable(new CommitStatusUnknownError({ transactionId: 'tx4' }))).toBe(false);
    expect(isRetryable(new RoleNotConfiguredError('admin'))).toBe(false);
    expect(isRetryable(new UnexpectedLedgerError(new Error('x')))).toBe(false);
  });

  it('backs off about 150, 300 and 600 ms, with up to 100 ms of jitter', () => {
    [150, 300, 600].forEach((base, retry) => {
      for (let sample = 0; sample < 20; sample += 1) {
        expect(retryPause(retry)).toBeGreaterThanOrEqual(base);
        expect(retryPause(retry)).toBeLessThan(base + 100);
      }
    });
  });

  it('calls again while the failure is retryable, at most the given number of times, then throws it as a ledger error', async () => {
    const grpcCause: ServiceError = Object.assign(new Error('grpc'), { code: GrpcStatus.UNAVAILABLE, details: 'grpc', metadata: new Metadata() });
    const down = new EndorseError({ code: GrpcStatus.UNAVAILABLE, cause: grpcCause, transactionId: 'tx1', message: 'peer down', details: [] });
    const call = jest.fn().mockRejectedValue(down);
    const retried: number[] = [];
    const failure = await withRetries(call, 2, (_error, retry) => retried.push(retry)).catch((error: unknown) => error);
    expect(call).toHaveBeenCalledTimes(3);
    expect(retried).toEqual([0, 1]);
    expect(failure).toBeInstanceOf(LedgerUnavailableError);
    expect(failure).toMatchObject({ transactionId: 'tx1', cause: down });
  });

  it('answers the first success, and gives up at once on a failure a retry cannot fix', async () => {
    const flaky = jest.fn().mockRejectedValueOnce(new ChaincodeRefusalError('NOT_FOUND', 'case HD-1 does not exist')).mockResolvedValue('ok');
    await expect(withRetries(flaky, 3)).resolves.toBe('ok');
    expect(flaky).toHaveBeenCalledTimes(2);
    const refused = jest.fn().mockRejectedValue(new ChaincodeRefusalError('FORBIDDEN', 'FoshanMSP may not receive'));
    await expect(withRetries(refused, 3)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(refused).toHaveBeenCalledTimes(1);
  });
});
