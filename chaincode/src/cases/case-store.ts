/** Cases on the ledger: the one place that reads them. */
import { Context } from 'fabric-contract-api';
import { keys } from '../common/keys';
import { readExisting } from '../common/ledger';
import { readCaseId } from '../domain';
import { CaseRecord } from './case-record';

/** A case by id, or NOT_FOUND. */
export const getCase = (ctx: Context, caseId: string): Promise<CaseRecord> =>
  readExisting<CaseRecord>(ctx, keys.case(ctx, readCaseId(caseId)), `case ${caseId}`);
