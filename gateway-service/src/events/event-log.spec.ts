import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventLog, matches, StoredEvent } from './event-log';

const event = (blockNumber: number, transactionId: string, name = 'case.accept', payload: Record<string, unknown> = {}) => ({
  blockNumber: String(blockNumber),
  transactionId,
  name,
  payload: { caseId: 'HD-1', receivingMsp: 'HaidianMSP', handlingMsp: 'FoshanMSP', ...payload },
});

describe('EventLog', () => {
  const path = () => join(mkdtempSync(join(tmpdir(), 'tongban-events-')), 'events.jsonl');

  it('numbers events in arrival order, survives a restart, and drops a resumed stream repeat', () => {
    const file = path();
    const log = new EventLog(file);
    log.append(event(5, 'a'));
    log.append(event(5, 'b'));
    expect(log.append(event(5, 'b'))).toBeUndefined();
    const reopened = new EventLog(file);
    expect(reopened.last()).toMatchObject({ seq: 2, blockNumber: '5', transactionId: 'b' });
    expect(reopened.append(event(7, 'c'))?.seq).toBe(3);
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(3);
  });

  it('replays after a position with a filter, and finds the position before a block', () => {
    const log = new EventLog(path());
    log.append(event(3, 'a', 'case.receive'));
    log.append(event(4, 'b', 'case.verify', { caseId: 'HD-2' }));
    log.append(event(9, 'c', 'case.accept'));
    expect(log.after(0, { caseId: 'HD-1' }).map((stored) => stored.seq)).toEqual([1, 3]);
    expect(log.after(1, { names: ['case.accept'] }).map((stored) => stored.transactionId)).toEqual(['c']);
    expect(log.seqBeforeBlock(BigInt(4))).toBe(1);
    expect(log.seqBeforeBlock(BigInt(100))).toBe(3);
  });

  it('tells live subscribers about new events until they unsubscribe', () => {
    const log = new EventLog(path());
    const seen: StoredEvent[] = [];
    const unsubscribe = log.subscribe((stored) => seen.push(stored));
    log.append(event(1, 'a'));
    unsubscribe();
    log.append(event(2, 'b'));
    expect(seen.map((stored) => stored.transactionId)).toEqual(['a']);
  });

  it('filters by a city named in any role of the event', () => {
    const stored = { seq: 1, ...event(1, 'a', 'result.recognise', { recognisingMsp: 'TianjinMSP' }) };
    expect(matches(stored, { city: 'TianjinMSP' })).toBe(true);
    expect(matches(stored, { city: 'ShanghaiMSP' })).toBe(false);
    expect(matches({ ...stored, payload: { parties: ['ShanghaiMSP'] } }, { city: 'ShanghaiMSP' })).toBe(true);
  });
});
