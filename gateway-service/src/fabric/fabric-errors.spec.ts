import { status as GrpcStatus, Metadata, ServiceError } from '@grpc/grpc-js';
import { CommitError, CommitStatusError, EndorseError, GatewayError } from '@hyperledger/fabric-gateway';
import { peer } from '@hyperledger/fabric-protos';
import { DOMAIN_ERROR_CODES } from '@tongban/chaincode/domain';
import { toLedgerError } from './fabric-errors';
import { isRetryable } from './retry-policy';
import {
  ChaincodeRefusalError,
  CommitFailedError,
  CommitStatusUnknownError,
  LedgerBusyError,
  LedgerCallError,
  LedgerUnavailableError,
  RoleNotConfiguredError,
  SubmitOutcomeUnknownError,
  UnexpectedLedgerError,
} from './ledger-errors';

const cause = (code: GrpcStatus): ServiceError => Object.assign(new Error('grpc'), { code, details: 'grpc', metadata: new Metadata() });
/** What a peer answers beyond peer.limits.concurrency.gatewayService. */
const BUSY = 'UNKNOWN: too many requests for /gateway.Gateway, exceeding concurrency limit (500)';
const foshanPeer = (message: string) => ({ address: '127.0.0.1:7201', mspId: 'FoshanMSP', message });

function endorseError(code: GrpcStatus, message: string): EndorseError {
  return new EndorseError({ code, cause: cause(code), transactionId: 'tx1', message: `${code} ${message}`, details: [foshanPeer(message)] });
}

// SubmitError is exported as a type only; fabric-gateway names its instances so.
function submitError(code: GrpcStatus, message: string): GatewayError {
  const error = new GatewayError({ code, cause: cause(code), details: [foshanPeer(message)], message });
  return Object.assign(error, { name: 'SubmitError', transactionId: 'tx5' });
}

describe('Fabric Gateway errors as ledger errors', () => {
  it.each(DOMAIN_ERROR_CODES)("reads the chaincode's %s refusal from a peer's message, with its detail and transaction", (code) => {
    const error = toLedgerError(endorseError(GrpcStatus.ABORTED, `chaincode response 500, [${code}] case HD-1 is FORWARDED; approve is not allowed`));
    expect(error).toBeInstanceOf(ChaincodeRefusalError);
    expect(error).toMatchObject({ code, detail: 'case HD-1 is FORWARDED; approve is not allowed', transactionId: 'tx1', endorsersDisagree: false });
  });

  it("reads a refusal from an evaluation's own message, which names no transaction", () => {
    const evaluation = new GatewayError({
      code: GrpcStatus.UNKNOWN,
      cause: cause(GrpcStatus.UNKNOWN),
      details: [],
      message: '2 UNKNOWN: [NOT_FOUND] case HD-9 does not exist',
    });
    const error = toLedgerError(evaluation);
    expect(error).toBeInstanceOf(ChaincodeRefusalError);
    expect(error).toMatchObject({ code: 'NOT_FOUND', detail: 'case HD-9 does not exist', transactionId: undefined });
  });

  it('tells when endorsers disagreed: one accepted what a lagging peer refused', () => {
    const disagreeing = (peerMessage: string) =>
      new EndorseError({
        code: GrpcStatus.ABORTED,
        cause: cause(GrpcStatus.ABORTED),
        transactionId: 'tx6',
        message: '10 ABORTED: failed to collect enough transaction endorsements, see attached details for more info',
        details: [{ address: '127.0.0.1:7101', mspId: 'HaidianMSP', message: peerMessage }],
      });
    const refused = toLedgerError(disagreeing('chaincode response 500, [CONFLICT] case HD-1 already exists'));
    expect(refused).toMatchObject({ name: 'ChaincodeRefusalError', code: 'CONFLICT', endorsersDisagree: true, transactionId: 'tx6' });
    const failed = toLedgerError(disagreeing('chaincode response 500, out of memory'));
    expect(failed).toMatchObject({ name: 'LedgerCallError', stage: 'endorse', endorsersDisagree: true });
  });

  it.each([
    ['endorse', endorseError(GrpcStatus.UNAVAILABLE, 'connection refused'), 'tx1'],
    ['endorse', endorseError(GrpcStatus.DEADLINE_EXCEEDED, 'slow peer'), 'tx1'],
    ['endorse', endorseError(GrpcStatus.CANCELLED, 'Call cancelled'), 'tx1'],
    [
      'endorse',
      endorseError(
        GrpcStatus.FAILED_PRECONDITION,
        'no combination of peers can be derived which satisfy the endorsement policy: no peer combination can satisfy the endorsement policy',
      ),
      'tx1',
    ],
    ['submit', submitError(GrpcStatus.UNAVAILABLE, 'orderer down'), 'tx5'],
    [
      'evaluate',
      new GatewayError({
        code: GrpcStatus.DEADLINE_EXCEEDED,
        cause: cause(GrpcStatus.DEADLINE_EXCEEDED),
        details: [foshanPeer('slow')],
        message: 'slow',
      }),
      undefined,
    ],
  ])('calls a peer or orderer that is down or too slow at %s unavailable, with its details', (stage, fabricError, transactionId) => {
    const error = toLedgerError(fabricError);
    expect(error).toBeInstanceOf(LedgerUnavailableError);
    expect(error).toMatchObject({ stage, transactionId, message: `${stage} failed: ${fabricError.message}`, details: fabricError.details });
    expect(error.cause).toBe(fabricError);
  });

  it.each([
    ['evaluate', new GatewayError({ code: GrpcStatus.UNKNOWN, cause: cause(GrpcStatus.UNKNOWN), details: [], message: BUSY }), undefined],
    ['endorse', endorseError(GrpcStatus.UNKNOWN, BUSY), 'tx1'],
    [
      'endorse',
      new EndorseError({
        code: GrpcStatus.ABORTED,
        cause: cause(GrpcStatus.ABORTED),
        transactionId: 'tx1',
        message: 'failed to endorse transaction, see attached details for more info',
        details: [foshanPeer('rpc error: code = Unknown desc = too many requests for /protos.Endorser, exceeding concurrency limit (2500)')],
      }),
      'tx1',
    ],
    ['submit', submitError(GrpcStatus.UNKNOWN, BUSY), 'tx5'],
  ])("calls a peer's refusal beyond its Gateway concurrency limit at %s busy, and retryable", (stage, fabricError, transactionId) => {
    const error = toLedgerError(fabricError);
    expect(error).toBeInstanceOf(LedgerBusyError);
    expect(error).toMatchObject({ stage, transactionId, message: `${stage} failed: ${fabricError.message}` });
    expect(isRetryable(error)).toBe(true);
    expect(error).not.toBeInstanceOf(LedgerUnavailableError); // nothing was sent on: not a submission that may be ordered
  });

  it.each([
    ['its own deadline passed', GrpcStatus.DEADLINE_EXCEEDED, 'Deadline exceeded'],
    ['the peer reset it at the deadline, before the client timed out', GrpcStatus.CANCELLED, 'Call cancelled'],
  ])('says that a submission which timed out (%s) may or may not have been ordered', (_, code, message) => {
    const error = toLedgerError(submitError(code, message));
    expect(error).toBeInstanceOf(SubmitOutcomeUnknownError);
    expect(error).toMatchObject({ transactionId: 'tx5', details: [foshanPeer(message)] });
  });

  it('says that a commit not confirmed in time is unknown, even when its message looks like a refusal', () => {
    const status = new CommitStatusError({
      code: GrpcStatus.DEADLINE_EXCEEDED,
      cause: cause(GrpcStatus.DEADLINE_EXCEEDED),
      transactionId: 'tx4',
      details: [foshanPeer('[NOT_FOUND] not a chaincode answer')],
    });
    expect(toLedgerError(status)).toBeInstanceOf(CommitStatusUnknownError);
    expect(toLedgerError(status)).toMatchObject({ transactionId: 'tx4', details: status.details });
  });

  it('names the validation code of a failed commit and whether it was a read conflict', () => {
    const mvcc = toLedgerError(new CommitError({ code: peer.TxValidationCode.MVCC_READ_CONFLICT, transactionId: 'tx2', message: 'mvcc' }));
    expect(mvcc).toBeInstanceOf(CommitFailedError);
    expect(mvcc).toMatchObject({ validationCodeName: 'MVCC_READ_CONFLICT', readConflict: true, transactionId: 'tx2' });
    expect(mvcc.message).toBe('transaction tx2 was not committed: validation code MVCC_READ_CONFLICT');
    const phantom = toLedgerError(new CommitError({ code: peer.TxValidationCode.PHANTOM_READ_CONFLICT, transactionId: 'tx2', message: 'phantom' }));
    expect(phantom).toMatchObject({ readConflict: true });
    const policy = toLedgerError(
      new CommitError({ code: peer.TxValidationCode.ENDORSEMENT_POLICY_FAILURE, transactionId: 'tx3', message: 'policy' }),
    );
    expect(policy).toMatchObject({ validationCodeName: 'ENDORSEMENT_POLICY_FAILURE', readConflict: false, policyFailure: true });
  });

  it('reports other failures with their stage and message', () => {
    const evaluation = new GatewayError({ code: GrpcStatus.INTERNAL, cause: cause(GrpcStatus.INTERNAL), details: [], message: 'boom' });
    expect(toLedgerError(evaluation)).toMatchObject({ name: 'LedgerCallError', stage: 'evaluate', message: 'evaluate failed: boom' });
    expect(toLedgerError(submitError(GrpcStatus.INTERNAL, 'refused by orderer'))).toBeInstanceOf(LedgerCallError);
    expect(toLedgerError(submitError(GrpcStatus.INTERNAL, '[CONFLICT] text after endorsement'))).toMatchObject({
      stage: 'submit',
      transactionId: 'tx5',
    });
  });

  it('wraps anything else, and passes ledger errors through unchanged', () => {
    const signing = new Error('key file unreadable');
    expect(toLedgerError(signing)).toBeInstanceOf(UnexpectedLedgerError);
    expect(toLedgerError(signing)).toMatchObject({ message: 'unexpected error talking to the ledger: key file unreadable', cause: signing });
    const role = new RoleNotConfiguredError('admin');
    expect(toLedgerError(role)).toBe(role);
  });
});
