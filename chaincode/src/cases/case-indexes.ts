/**
 * Indexes of cases by receiving city, handling city, city pair and status,
 * plus the due-date index of undecided cases. They change in the same
 * transaction as the case, and bind the same two cities as the case.
 */
import { Context } from 'fabric-contract-api';
import { marshal } from '../common/codec';
import { CASE_INDEX, dueIndexKey } from '../common/keys';
import { requireEndorsementBy } from '../common/ledger';
import { CaseRecord } from './case-record';
import { UNDECIDED_STATUSES } from '../domain';

/** Every index key that should point at the case in its current status. */
function indexKeysOf(ctx: Context, record: CaseRecord): string[] {
  const { receivingMsp: receiving, handlingMsp: handling, status, id } = record;
  const indexKeys = [
    ctx.stub.createCompositeKey(CASE_INDEX.byReceiving, [receiving, status, id]),
    ctx.stub.createCompositeKey(CASE_INDEX.byHandling, [handling, status, id]),
    ctx.stub.createCompositeKey(CASE_INDEX.byPair, [receiving, handling, status, id]),
  ];
  if (UNDECIDED_STATUSES.includes(status) && record.dueAt) {
    indexKeys.push(dueIndexKey(handling, record.dueAt, id));
  }
  return indexKeys;
}

// An index entry needs a value: an empty value would mean "delete".
const PRESENT = marshal({});

/** Points the indexes at `after`, removing the entries of `before` (absent for a new case). */
export async function reindexCase(ctx: Context, before: CaseRecord | undefined, after: CaseRecord): Promise<void> {
  const stale = before ? indexKeysOf(ctx, before) : [];
  const fresh = indexKeysOf(ctx, after);
  for (const key of stale.filter((candidate) => !fresh.includes(candidate))) {
    await ctx.stub.deleteState(key);
  }
  for (const key of fresh.filter((candidate) => !stale.includes(candidate))) {
    await ctx.stub.putState(key, PRESENT);
    await requireEndorsementBy(ctx, key, [after.receivingMsp, after.handlingMsp]);
  }
}
