import { LoggerService } from '@nestjs/common';
import pino, { Logger, LevelWithSilent } from 'pino';

/** Nest's log levels and the pino level each is written at. */
const LEVELS = { log: 'info', error: 'error', warn: 'warn', debug: 'debug', verbose: 'trace', fatal: 'fatal' } as const;
const ACCEPTED: readonly LevelWithSilent[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** The level TONGBAN_LOG_LEVEL asks for (info by default); an unknown one is refused at start. */
export function logLevelOf(env: NodeJS.ProcessEnv): LevelWithSilent {
  const level = env.TONGBAN_LOG_LEVEL?.trim() || 'info';
  if (!(ACCEPTED as readonly string[]).includes(level)) {
    throw new Error(`TONGBAN_LOG_LEVEL must be one of ${ACCEPTED.join(', ')}, not "${level}"`);
  }
  return level as LevelWithSilent;
}

/**
 * Nest's logger over pino: one JSON object per line, with levels, so that a
 * line below TONGBAN_LOG_LEVEL costs nothing. Messages come from our code
 * only; request bodies are never passed in.
 */
export class PinoLogger implements LoggerService {
  constructor(readonly logger: Logger = pino({ level: logLevelOf(process.env), base: undefined, timestamp: pino.stdTimeFunctions.isoTime })) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('log', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('verbose', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: keyof typeof LEVELS, message: unknown, rest: unknown[]): void {
    const method = LEVELS[level];
    if (!this.logger.isLevelEnabled(method)) return;
    // Nest passes the context (logger name) as the last string argument.
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const fields = rest.find((item) => typeof item === 'object' && item !== null) as Record<string, unknown> | undefined;
    const body = typeof message === 'object' && message !== null ? (message as Record<string, unknown>) : { msg: String(message) };
    this.logger[method]({ context, ...fields, ...body });
  }
}
