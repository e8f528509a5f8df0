import { Logger } from '@nestjs/common';
import type { ArgumentsHost } from '@nestjs/common';
import { DomainErrorCode } from '@tongban/chaincode/domain';
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
} from '../fabric/ledger-errors';
import { ledgerProblem } from './ledger-problems';
import { KnownRoutes } from './known-routes';
import { ProblemFilter } from './problem.filter';

const fabric = [{ address: '127.0.0.1:7201', mspId: 'FoshanMSP', message: 'connection refused' }];

const answer = (error: Parameters<typeof ledgerProblem>[0]) => {
  const { status, code, detail, extra } = ledgerProblem(error);
  return { status, code, detail, extra };
};

describe('ledger errors as API answers', () => {
  it.each<[DomainErrorCode, number]>([
    ['INVALID_ARGUMENT', 400],
    ['FORBIDDEN', 403],
    ['NOT_FOUND', 404],
    ['CONFLICT', 409],
    ['INVALID_TRANSITION', 409],
    ['PRECONDITION_FAILED', 409],
  ])('keeps the chaincode refusal %s as HTTP %i with its code, detail and transaction', (code, status) => {
    const refusal = new ChaincodeRefusalError(code, 'case HD-1 is FORWARDED; approve is not allowed', { transactionId: 'tx1', details: fabric });
    expect(answer(refusal)).toEqual({ status, code, detail: 'case HD-1 is FORWARDED; approve is not allowed', extra: { transactionId: 'tx1' } });
  });

  it('answers 503 with Retry-After 2 and the peer details when a peer is unavailable', () => {
    expect(answer(new LedgerUnavailableError('endorse', '14 UNAVAILABLE: connection refused', { transactionId: 'tx1', details: fabric }))).toEqual({
      status: 503,
      code: 'FABRIC_UNAVAILABLE',
      detail: 'endorse failed: 14 UNAVAILABLE: connection refused',
      extra: { transactionId: 'tx1', fabric, retryAfterSeconds: 2 },
    });
  });

  it('answers 503 FABRIC_BUSY with Retry-After 1 when the peer is at its Gateway concurrency limit', () => {
    const busy = 'evaluate failed: 2 UNKNOWN: too many requests for /gateway.Gateway, exceeding concurrency limit (500)';
    expect(answer(new LedgerBusyError('evaluate', busy.replace('evaluate failed: ', ''), { details: [] }))).toEqual({
      status: 503,
      code: 'FABRIC_BUSY',
      detail: busy,
      extra: { transactionId: undefined, fabric: [], retryAfterSeconds: 1 },
    });
  });

  it('answers a read conflict with 503 and Retry-After 1, and another invalid commit with 502', () => {
    expect(answer(new CommitFailedError(11, 'MVCC_READ_CONFLICT', true, false, { transactionId: 'tx2' }))).toEqual({
      status: 503,
      code: 'COMMIT_MVCC_READ_CONFLICT',
      detail: 'transaction tx2 was not committed: validation code MVCC_READ_CONFLICT',
      extra: { transactionId: 'tx2', retryAfterSeconds: 1 },
    });
    expect(answer(new CommitFailedError(10, 'ENDORSEMENT_POLICY_FAILURE', false, true, { transactionId: 'tx3' }))).toEqual({
      status: 502,
      code: 'COMMIT_ENDORSEMENT_POLICY_FAILURE',
      detail: 'transaction tx3 was not committed: validation code ENDORSEMENT_POLICY_FAILURE',
      extra: { transactionId: 'tx3' },
    });
  });

  it('answers 503 with Retry-After 5 naming the transaction when its submission or commit is not known', () => {
    expect(answer(new SubmitOutcomeUnknownError({ transactionId: 'tx5', details: [] }))).toEqual({
      status: 503,
      code: 'SUBMIT_OUTCOME_UNKNOWN',
      detail: 'transaction tx5 may or may not have reached the ordering service in time; read the record before retrying',
      extra: { transactionId: 'tx5', fabric: [], retryAfterSeconds: 5 },
    });
    expect(answer(new CommitStatusUnknownError({ transactionId: 'tx4', details: [] }))).toEqual({
      status: 503,
      code: 'COMMIT_STATUS_UNKNOWN',
      detail: 'transaction tx4 was sent for ordering but its commit was not confirmed in time; read the record before retrying',
      extra: { transactionId: 'tx4', fabric: [], retryAfterSeconds: 5 },
    });
  });

  it("answers 503 with Retry-After when the endorsers disagree (one city's peer down or behind): a retry can succeed", () => {
    const failure = new LedgerCallError('endorse', '10 ABORTED: failed to collect enough transaction endorsements', {
      transactionId: 'tx7',
      endorsersDisagree: true,
    });
    expect(answer(failure)).toEqual({
      status: 503,
      code: 'FABRIC_ENDORSE_FAILED',
      detail: 'endorse failed: 10 ABORTED: failed to collect enough transaction endorsements',
      extra: { transactionId: 'tx7', fabric: [], retryAfterSeconds: 1 },
    });
  });

  it('answers 502 for other failed calls, 503 for a role without identity, and 500 without internals for anything else', () => {
    expect(answer(new LedgerCallError('evaluate', '13 INTERNAL: boom'))).toEqual({
      status: 502,
      code: 'FABRIC_EVALUATE_FAILED',
      detail: 'evaluate failed: 13 INTERNAL: boom',
      extra: { transactionId: undefined, fabric: [] },
    });
    expect(answer(new RoleNotConfiguredError('admin'))).toEqual({
      status: 503,
      code: 'ROLE_NOT_CONFIGURED',
      detail: 'this gateway has no identity for role admin',
      extra: {},
    });
    expect(answer(new UnexpectedLedgerError(new Error('key file unreadable')))).toEqual({
      status: 500,
      code: 'INTERNAL',
      detail: 'unexpected error talking to the ledger',
      extra: {},
    });
  });

  it('is what the exception filter renders: problem+json with Retry-After and the Fabric details', () => {
    const sent: { status?: number; headers: Record<string, string>; type?: string; body?: unknown } = { headers: {} };
    const response = {
      setHeader: (name: string, value: string) => (sent.headers[name] = value),
      status: (status: number) => ((sent.status = status), response),
      type: (type: string) => ((sent.type = type), response),
      send: (body: unknown) => (sent.body = body),
    };
    const host = { switchToHttp: () => ({ getRequest: () => ({ id: 'req-1', originalUrl: '/cases/HD-1/accept' }), getResponse: () => response }) };
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    new ProblemFilter(new KnownRoutes()).catch(
      new LedgerUnavailableError('endorse', 'connection refused', { transactionId: 'tx1', details: fabric }),
      host as unknown as ArgumentsHost,
    );
    expect(sent).toMatchObject({ status: 503, type: 'application/problem+json', headers: { 'Retry-After': '2' } });
    expect(sent.body).toMatchObject({ code: 'FABRIC_UNAVAILABLE', requestId: 'req-1', transactionId: 'tx1', fabric, instance: '/cases/HD-1/accept' });
  });
});
