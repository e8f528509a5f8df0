import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import { dropDisabledShimLogLines } from './shim-logging';

interface Logger {
  debug(message: string, ...meta: unknown[]): void;
  warn(message: string, ...meta: unknown[]): void;
}
interface Winston {
  createLogger(options: object): Logger;
  format: ((transform: (info: object) => object) => () => object) & { printf(template: (info: { message: string }) => string): object };
  transports: { Stream: new (options: object) => object };
}

const winston = createRequire(require.resolve('fabric-shim'))('winston') as Winston;

/** A logger as fabric-shim makes them, with a format that counts the lines it formats. */
function countingLogger(level: string): { logger: Logger; formatted: string[] } {
  const formatted: string[] = [];
  const count = winston.format((info) => {
    formatted.push((info as { message: string }).message);
    return info;
  });
  const logger = winston.createLogger({
    level,
    format: count(),
    transports: [
      new winston.transports.Stream({
        stream: new Writable({
          objectMode: true,
          write: (_line, _encoding, done) => {
            done();
          },
        }),
      }),
    ],
  });
  return { logger, formatted };
}

describe('dropDisabledShimLogLines', () => {
  beforeAll(() => {
    dropDisabledShimLogLines();
    dropDisabledShimLogLines(); // a second call changes nothing
  });

  it('drops lines below the level before they are formatted', () => {
    const { logger, formatted } = countingLogger('warn');
    logger.debug('decoded response: %j', { value: 'x'.repeat(1000) });
    expect(formatted).toEqual([]);
  });

  it('still formats and writes the lines at or above the level', () => {
    const { logger, formatted } = countingLogger('warn');
    logger.warn('peer stream ended');
    logger.debug('not this one');
    expect(formatted).toEqual(['peer stream ended']);
  });

  it('keeps debug lines when the level is debug', () => {
    const { logger, formatted } = countingLogger('debug');
    logger.debug('handleGetState');
    expect(formatted).toEqual(['handleGetState']);
  });
});
