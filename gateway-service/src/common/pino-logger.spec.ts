import pino from 'pino';
import { Writable } from 'node:stream';
import { logLevelOf, PinoLogger } from './pino-logger';

/** A PinoLogger at `level` writing its lines into an array. */
function capture(level: string): { logger: PinoLogger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: new PinoLogger(pino({ level, base: undefined }, sink)), lines };
}

describe('PinoLogger', () => {
  it('writes one JSON object per line with its level, context and fields', () => {
    const { logger, lines } = capture('info');
    logger.log({ msg: 'listening' }, 'Bootstrap');
    logger.error('COMMIT_STATUS_UNKNOWN: tx1', { requestId: 'r-1' }, 'ProblemFilter');
    expect(lines).toEqual([
      expect.objectContaining({ level: 30, context: 'Bootstrap', msg: 'listening' }),
      expect.objectContaining({ level: 50, context: 'ProblemFilter', requestId: 'r-1', msg: 'COMMIT_STATUS_UNKNOWN: tx1' }),
    ]);
  });

  it('drops the lines below its level', () => {
    const { logger, lines } = capture('warn');
    logger.log('request served');
    logger.debug('detail');
    logger.verbose('more detail');
    logger.warn('retrying');
    expect(lines.map((line) => line.msg)).toEqual(['retrying']);
  });

  it('takes its level from TONGBAN_LOG_LEVEL, info by default, and refuses an unknown one', () => {
    expect(logLevelOf({})).toBe('info');
    expect(logLevelOf({ TONGBAN_LOG_LEVEL: 'debug' })).toBe('debug');
    expect(() => logLevelOf({ TONGBAN_LOG_LEVEL: 'loud' })).toThrow(
      'TONGBAN_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, not "loud"',
    );
  });
});
