import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IDEMPOTENCY_RETENTION_MS, IdempotencyStore } from './idempotency-store';

describe('IdempotencyStore', () => {
  const directory = () => join(mkdtempSync(join(tmpdir(), 'idempotency-')), 'db');
  const record = (createdAt: string) => ({ digest: 'd1', state: 'done' as const, createdAt, answer: { status: 201, body: { id: 'HD-1' } } });

  it('remembers answers across a restart of the gateway', async () => {
    const path = directory();
    const first = new IdempotencyStore(path);
    await first.open();
    await first.put('clerk\u0000k-1', record(new Date().toISOString()));
    await first.close();
    const second = new IdempotencyStore(path);
    await second.open();
    expect(await second.get('clerk\u0000k-1')).toMatchObject({ digest: 'd1', answer: { status: 201, body: { id: 'HD-1' } } });
    expect(await second.get('clerk\u0000k-2')).toBeUndefined();
    await second.close();
  });

  it('forgets a key a day after its first use', async () => {
    const path = directory();
    const store = new IdempotencyStore(path);
    await store.open();
    const createdAt = Date.parse('2026-12-01T08:00:00Z');
    await store.put('clerk\u0000old', record(new Date(createdAt).toISOString()));
    expect(await store.get('clerk\u0000old', createdAt + IDEMPOTENCY_RETENTION_MS - 1)).toBeDefined();
    expect(await store.get('clerk\u0000old', createdAt + IDEMPOTENCY_RETENTION_MS + 1)).toBeUndefined();
    await store.close();
    const reopened = new IdempotencyStore(path);
    await reopened.open(createdAt + IDEMPOTENCY_RETENTION_MS + 1);
    await reopened.close();
    const again = new IdempotencyStore(path);
    await again.open(createdAt);
    expect(await again.get('clerk\u0000old', createdAt)).toBeUndefined();
    await again.close();
  });
});
