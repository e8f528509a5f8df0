import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TRANSACTION_RETENTION_MS, TransactionRecord, TransactionStore } from './transaction-store';

describe('TransactionStore', () => {
  const record = (id: string, state: TransactionRecord['state'], acceptedAt: string): TransactionRecord => ({
    id,
    owner: 'hall-clerk',
    method: 'POST',
    path: '/cases',
    state,
    acceptedAt,
  });

  it('ends a transaction the last process left pending as FAILED INTERRUPTED, and forgets expired ones', async () => {
    const directory = join(mkdtempSync(join(tmpdir(), 'tongban-transactions-')), 'db');
    const now = Date.parse('2026-12-01T12:00:00Z');
    const before = new TransactionStore(directory);
    await before.open(now);
    await before.put(record('pending', 'PENDING', new Date(now - 1000).toISOString()));
    await before.put(record('old', 'SUCCEEDED', new Date(now - TRANSACTION_RETENTION_MS - 1).toISOString()));
    await before.close();

    const after = new TransactionStore(directory);
    await after.open(now);
    expect(await after.get('pending')).toMatchObject({ state: 'FAILED', outcome: { status: 503, problem: { code: 'INTERRUPTED' } } });
    expect(await after.get('old')).toBeUndefined();
    await after.close();
  });
});
