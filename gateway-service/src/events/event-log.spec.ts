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
    expect(log.scan(0, { caseId: 'HD-1' }).events.map((stored) => stored.seq)).toEqual([1, 3]);
    expect(log.scan(1, { names: ['case.accept'] }).events.map((stored) => stored.transactionId)).toEqual(['c']);
    expect(log.scan(0, { names: ['case.verify'] }, { matches: 1 })).toMatchObject({ events: [{ seq: 2 }], through: 2 });
    expect(log.scan(2, { caseId: 'HD-2' })).toEqual({ events: [], through: 3 });
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
    expect(
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line) => line && (JSON.parse(line) as StoredEvent).seq),
    ).toEqual([1, 2, '']);

    writeFileSync(file, `not json\n${readFileSync(file, 'utf8')}`);
    expect(() => new EventLog(file)).toThrow(/corrupt at line 1/);
  });

  it('reads old events from disk: pages, filters, block positions, a line longer than a read, and a reopened log', () => {
    const file = path();
    const log = new EventLog(file);
    // Four events per block from block 10, one case in seven named HD-RARE; far more events than stay in memory.
    const total = 5000;
    for (let index = 1; index <= total; index += 1) {
      log.append(event(10 + Math.floor((index - 1) / 4), `t${index}`, 'case.verify', { caseId: index % 7 === 0 ? 'HD-RARE' : `HD-${index}` }));
    }
    log.append(event(2000, 'long', 'case.verify', { note: 'x'.repeat(600_000) }));
    log.append(event(2001, 'after-long', 'case.deliver'));

    for (const reader of [log, new EventLog(file)]) {
      expect(reader.scan(99, {}, { lines: 3 })).toMatchObject({
        events: [{ seq: 100, transactionId: 't100' }, { seq: 101 }, { seq: 102 }],
        through: 102,
      });
      const rare = reader.scan(0, { caseId: 'HD-RARE' }, { lines: 700 });
      expect(rare.through).toBe(700);
      expect(rare.events.map((stored) => stored.seq)).toEqual(Array.from({ length: 100 }, (_, index) => (index + 1) * 7));
      expect(reader.scan(4990, { names: ['case.deliver'] })).toMatchObject({ events: [{ seq: 5002, transactionId: 'after-long' }], through: 5002 });
      expect(reader.scan(4999, {}, { matches: 2 }).events.map((stored) => stored.transactionId)).toEqual(['t5000', 'long']);
      expect(reader.seqBeforeBlock(BigInt(10))).toBe(0);
      expect(reader.seqBeforeBlock(BigInt(11))).toBe(4);
      expect(reader.seqBeforeBlock(BigInt(10 + 1000))).toBe(4000);
      expect(reader.seqBeforeBlock(BigInt(1500))).toBe(5000);
      expect(reader.seqBeforeBlock(BigInt(9999))).toBe(5002);
      expect(reader.last()).toMatchObject({ seq: 5002, transactionId: 'after-long' });
    }
  });

  it('refuses to read past a line damaged after it was written', () => {
    const file = path();
    const log = new EventLog(file);
    for (let index = 1; index <= 3000; index += 1) log.append(event(index, `t${index}`));
    const text = readFileSync(file, 'utf8');
    const damaged = text.indexOf('{"seq":10,') + '{"seq":10,'.length;
    writeFileSync(file, `${text.slice(0, damaged)}#${text.slice(damaged + 1)}`);
    const reopened = new EventLog(file);
    expect(reopened.scan(5, {}, { lines: 4 }).through).toBe(9);
    expect(() => reopened.scan(5)).toThrow(/corrupt at line 10/);
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
