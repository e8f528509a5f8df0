import { LoggerService } from '@nestjs/common';

/**
 * One JSON object per line on stdout (errors on stderr), for log shippers.
 * Messages come from our code only; request bodies are never passed in.
 */
export class JsonLogger implements LoggerService {
  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
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

  private write(level: string, message: unknown, rest: unknown[]): void {
    // Nest passes the context (logger name) as the last string argument.
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const fields = rest.find((item) => typeof item === 'object' && item !== null) as Record<string, unknown> | undefined;
    const body = typeof message === 'object' && message !== null ? message : { msg: String(message) };
    const line = JSON.stringify({ time: new Date().toISOString(), level, context, ...fields, ...body });
    (level === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
  }
}
