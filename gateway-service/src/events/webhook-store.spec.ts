import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeliveryAttempt, KEPT_ATTEMPTS, Subscription, WebhookStore } from './webhook-store';

const subscription = (id: string, cursor = 0): Subscription => ({
  id,
  url: `http://127.0.0.1:9/${id}`,
  caseId: 'HD-1',
  secret: 's'.repeat(64),
  createdBy: 'hall-clerk',
  createdAt: '2026-01-01T00:00:00.000Z',
  cursor,
  deliveries: [],
});
const attempt = (eventId: number, number = 1): DeliveryAttempt => ({
  eventId,
  eventName: 'case.receive',
  attempt: number,
  at: '2026-01-01T00:00:00.000Z',
  status: 0,
  delivered: false,
  error: 'fetch failed',
});

describe('WebhookStore', () => {
  let dir: string;
  let store: WebhookStore;
  const reopen = async (legacyFile?: string) => {
    await store.close();
    store = new WebhookStore(join(dir, 'webhooks'), legacyFile);
    await store.open();
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tongban-webhook-store-'));
    store = new WebhookStore(join(dir, 'webhooks'));
    await store.open();
  });

  afterEach(() => store.close());

  it('keeps subscriptions, cursors and the latest attempts across a reopen', async () => {
    await store.add(subscription('a'));
    await store.add(subscription('b'));
    for (let eventId = 1; eventId <= KEPT_ATTEMPTS + 20; eventId += 1) await store.recordAttempt('a', attempt(eventId));
    await store.setCursor('a', 7);
    await store.advanceCursor('b', 0, 3);
    await reopen();
    expect(store.all().map(({ id, cursor }) => ({ id, cursor }))).toEqual([
      { id: 'a', cursor: 7 },
      { id: 'b', cursor: 3 },
    ]);
    const kept = store.get('a')?.deliveries ?? [];
    expect(kept.map((entry) => entry.eventId)).toEqual(Array.from({ length: KEPT_ATTEMPTS }, (_, index) => 21 + index));
    await store.recordAttempt('a', attempt(121));
    await reopen();
    expect(store.get('a')?.deliveries.at(-1)?.eventId).toBe(121);
    expect(store.get('a')?.deliveries).toHaveLength(KEPT_ATTEMPTS);
  });

  it('loses no update when attempts and cursor moves of several subscriptions run at once', async () => {
    await Promise.all(['a', 'b', 'c'].map((id) => store.add(subscription(id))));
    const changes: Promise<void>[] = [];
    for (let eventId = 1; eventId <= 60; eventId += 1) {
      for (const id of ['a', 'b', 'c']) changes.push(store.recordAttempt(id, attempt(eventId)));
      changes.push(store.advanceCursor('a', eventId - 1, eventId));
    }
    await Promise.all(changes);
    const inMemory = store.all();
    expect(inMemory.map((entry) => entry.deliveries.length)).toEqual([60, 60, 60]);
    expect(store.get('a')?.cursor).toBe(60);
    await reopen();
    expect(store.all()).toEqual(inMemory);
  });

  it('does not let a delivery that began before a replay move the cursor past it', async () => {
    await store.add(subscription('a', 10));
    await store.setCursor('a', 2);
    await store.advanceCursor('a', 10, 11);
    expect(store.get('a')?.cursor).toBe(2);
  });

  it('removes a subscription with its delivery log, and ignores attempts that finish after the removal', async () => {
    await store.add(subscription('a'));
    await store.recordAttempt('a', attempt(1));
    await Promise.all([store.remove('a'), store.recordAttempt('a', attempt(2))]);
    await store.add(subscription('a'));
    await reopen();
    expect(store.get('a')?.deliveries).toEqual([]);
  });

  it('imports the JSON file of earlier versions once, then keeps its own state', async () => {
    const legacyFile = join(dir, 'webhooks.json');
    const old = { ...subscription('old', 5), deliveries: [attempt(5, 1), attempt(5, 2)] };
    writeFileSync(legacyFile, JSON.stringify([old], null, 1));
    await reopen(legacyFile);
    expect(store.get('old')).toEqual(old);
    expect(existsSync(legacyFile)).toBe(false);
    expect(existsSync(`${legacyFile}.migrated`)).toBe(true);
    await store.recordAttempt('old', attempt(5, 3));
    await reopen(legacyFile);
    expect(store.get('old')?.deliveries.map((entry) => entry.attempt)).toEqual([1, 2, 3]);
  });

  it('refuses changes once closed', async () => {
    await store.close();
    await expect(store.add(subscription('late'))).rejects.toThrow('the webhook store is closed');
    store = new WebhookStore(join(dir, 'webhooks'));
    await store.open();
  });
});
