/**
 * fabric-shim and fabric-contract-api log through winston, whose loggers run
 * every line through their format (timestamp, colours, padding, JSON of each
 * argument, decoded ledger values included) before the transport drops it by
 * level. At the default WARNING level that formatting of debug lines was the
 * chaincode server's largest single cost. Lines below the loggers' level are
 * now dropped before they are formatted; the lines logged are unchanged.
 */
import { createRequire } from 'node:module';

const LEVEL = Symbol.for('level');
const GUARDED = Symbol('tongban: disabled log lines dropped');

interface WinstonLogger {
  write: (this: WinstonLogger, info: unknown, ...rest: unknown[]) => boolean;
  isLevelEnabled(level: string): boolean;
  [GUARDED]?: true;
}

/** Makes the winston instance the shim logs with skip lines its loggers would drop. */
export function dropDisabledShimLogLines(): void {
  // The shim's own copy of winston, whichever package manager layout installed it.
  const winston = createRequire(require.resolve('fabric-shim'))('winston') as { Logger: { prototype: WinstonLogger } };
  const prototype = winston.Logger.prototype;
  if (prototype[GUARDED]) {
    return;
  }
  const { write } = prototype;
  prototype[GUARDED] = true;
  prototype.write = function (this: WinstonLogger, info: unknown, ...rest: unknown[]): boolean {
    const level = typeof info === 'object' && info !== null ? (info as Record<symbol, unknown>)[LEVEL] : undefined;
    if (typeof level === 'string' && !this.isLevelEnabled(level)) {
      return true;
    }
    return write.call(this, info, ...rest);
  };
}
