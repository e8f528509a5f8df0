/** Agreements on the ledger: the one place that reads them. */
import { Context } from 'fabric-contract-api';
import { keys } from '../common/keys';
import { readExisting } from '../common/ledger';
import { readId } from '../domain';
import { Agreement } from './agreement';

/** An agreement by id, or NOT_FOUND. */
export const getAgreement = (ctx: Context, id: string): Promise<Agreement> =>
  readExisting<Agreement>(ctx, keys.agreement(ctx, readId(id, 'agreementId')), `agreement ${id}`);
