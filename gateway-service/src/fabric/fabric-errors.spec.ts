import { status as GrpcStatus, Metadata, ServiceError } from '@grpc/grpc-js';
import { CommitError, CommitStatusError, EndorseError, GatewayError } from '@hyperledger/fabric-gateway';
import { peer } from '@hyperledger/fabric-protos';
import { isRetryable, toApiError } from './fabric-errors';

const cause = (code: GrpcStatus): ServiceError =>
  Object.assign(new Error('grpc'), { code, details: 'grpc', metadata: new Metadata() });

function endorseError(code: GrpcStatus, message: string): EndorseError {
  return new EndorseError({
    code,
    cause: cause(code),
    transactionId: 'tx1',
    message: `${code} ${message}`,
    details: [{ address: '127.0.0.1:7201', mspId: 'FoshanMSP', message }],
  });
}

describe('Fabric errors as API errors', () => {
  it.each([
    ['INVALID_ARGUMENT', 400, false],
    ['FORBIDDEN', 403, false],
    ['NOT_FOUND', 404, true],
    ['CONFLICT', 409, false],
    ['INVALID_TRANSITION', 409, true],
    ['PRECONDITION_FAILED', 409, true],
  ])('keeps the chaincode code %s as HTTP %i with its message (retried, as a peer may lag: %s)', (code, status, retried) => {
    const error = toApiError(endorseError(GrpcStatus.ABORTED, `chaincode response 500, [${code}] case HD-1 is FORWARDED; approve is not allowed`));
    expect(error).toMatchObject({ status, code, detail: 'case HD-1 is FORWARDED; approve is not allowed' });
    expect(isRetryable(endorseError(GrpcStatus.ABORTED, `[${code}] x`))).toBe(retried);
  });

  it('answers 503 with Retry-After and the peer details when a peer is unavailable, and retries it', () => {
    const unavailable = endorseError(GrpcStatus.UNAVAILABLE, 'connection refused');
    expect(toApiError(unavailable)).toMatchObject({
      status: 503,
      code: 'FABRIC_UNAVAILABLE',
      extra: { retryAfterSeconds: 2, transactionId: 'tx1', fabric: [{ address: '127.0.0.1:7201', mspId: 'FoshanMSP', message: 'connection refused' }] },
    });
    expect(isRetryable(unavailable)).toBe(true);
  });

  it('retries an MVCC read conflict, but not an endorsement policy failure', () => {
    const mvcc = new CommitError({ code: peer.TxValidationCode.MVCC_READ_CONFLICT, transactionId: 'tx2', message: 'mvcc' });
    expect(isRetryable(mvcc)).toBe(true);
    expect(toApiError(mvcc)).toMatchObject({ status: 503, code: 'COMMIT_MVCC_READ_CONFLICT', extra: { retryAfterSeconds: 1 } });
    const policy = new CommitError({ code: peer.TxValidationCode.ENDORSEMENT_POLICY_FAILURE, transactionId: 'tx3', message: 'policy' });
    expect(isRetryable(policy)).toBe(false);
    expect(toApiError(policy)).toMatchObject({ status: 502, code: 'COMMIT_ENDORSEMENT_POLICY_FAILURE' });
  });

  it("retries when another city's peer refuses because it has not yet committed the previous change", () => {
    const lagging = new EndorseError({
      code: GrpcStatus.ABORTED,
      cause: cause(GrpcStatus.ABORTED),
      transactionId: 'tx6',
      message: '10 ABORTED: failed to collect enough transaction endorsements, see attached details for more info',
      details: [{ address: '127.0.0.1:7101', mspId: 'HaidianMSP', message: 'chaincode response 500, [INVALID_TRANSITION] case HD-1 is FORWARDED; approve is not allowed' }],
    });
    expect(isRetryable(lagging)).toBe(true);
  });

  it('does not resubmit a transaction whose submission timed out, since it may have been ordered', () => {
    const timedOut = Object.assign(
      new GatewayError({ code: GrpcStatus.DEADLINE_EXCEEDED, cause: cause(GrpcStatus.DEADLINE_EXCEEDED), details: [], message: 'deadline' }),
      { name: 'SubmitError', transactionId: 'tx5' },
    );
    expect(isRetryable(timedOut)).toBe(false);
    expect(toApiError(timedOut)).toMatchObject({ status: 503, code: 'SUBMIT_OUTCOME_UNKNOWN', extra: { transactionId: 'tx5' } });
    expect(isRetryable(Object.assign(timedOut, { code: GrpcStatus.UNAVAILABLE }))).toBe(true);
    expect(isRetryable(endorseError(GrpcStatus.DEADLINE_EXCEEDED, 'slow peer'))).toBe(true);
  });

  it('reports an unconfirmed commit as 503 naming the transaction, without retrying it', () => {
    const error = new CommitStatusError({
      code: GrpcStatus.DEADLINE_EXCEEDED,
      cause: cause(GrpcStatus.DEADLINE_EXCEEDED),
      transactionId: 'tx4',
      details: [],
    });
    expect(isRetryable(error)).toBe(false);
    expect(toApiError(error)).toMatchObject({ status: 503, code: 'COMMIT_STATUS_UNKNOWN', extra: { transactionId: 'tx4' } });
  });

  it('answers 502 for other gateway failures and 500 for anything else', () => {
    const other = new GatewayError({ code: GrpcStatus.INTERNAL, cause: cause(GrpcStatus.INTERNAL), details: [], message: 'boom' });
    expect(toApiError(other)).toMatchObject({ status: 502, code: 'FABRIC_EVALUATE_FAILED' });
    expect(toApiError(new Error('x'))).toMatchObject({ status: 500, code: 'INTERNAL' });
  });
});
