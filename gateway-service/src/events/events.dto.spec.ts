import { readEventStreamQuery } from './events.dto';

describe('event stream queries', () => {
  it('takes from=now, and tells another value what to send rather than how long it may be', () => {
    expect(readEventStreamQuery({ from: 'now' }).from).toBe('now');
    expect(() => readEventStreamQuery({ from: 'later' })).toThrow('from must be now');
    expect(() => readEventStreamQuery({ from: 'x'.repeat(17) })).toThrow('from must be 1 to 16 characters long');
  });
});
