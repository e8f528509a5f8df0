import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
    expect(log.next(0, { names: ['case.verify'] })?.seq).toBe(2);
    expect(log.next(2, { caseId: 'HD-2' })).toBeUndefined();
    expect(log.seqBeforeBlock(BigInt(4))).toBe(1);
    expect(log.seqBeforeBlock(BigInt(100))).toBe(3);
  });

  it('drops an append cut short by a crash, so the event is stored again, and refuses a corrupt log', () => {
    const file = path();
    new EventLog(file).append(event(5, 'a'));
    appendFileSync(file, '{"seq":2,"blockNumber":"6","transac');
    const reopened = new EventLog(file);
    expect(reopened.last()?.transactionId).toBe('a');
    expect(reopened.append(event(6, 'b'))?.seq).toBe(2);
    expect(readFileSync(file, 'utf8').split('\n').map((line) => line && (JSON.parse(line) as StoredEvent).seq)).toEqual([1, 2, '']);

    writeFileSync(file, `not json\n${readFileSync(file, 'utf8')}`);
    expect(() => new EventLog(file)).toThrow(/corrupt at line 1/);
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
