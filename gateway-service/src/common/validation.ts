/**
 * Request validation by the domain's readers (`@tongban/chaincode/domain`):
 * the gateway refuses a bad request before any Fabric call, by the same rules
 * and in the same words as the chaincode.
 */
import { applyDecorators, Body, HttpStatus, PipeTransform, Query, ValidationError, ValidationPipe } from '@nestjs/common';
import { asObject, DomainError, Payload, readId } from '@tongban/chaincode/domain';
import { ValidateBy } from 'class-validator';
import { ApiError } from './api-error';
import { IdProperty } from './api-property';

/** The 400 VALIDATION_FAILED answer, listing what was wrong. */
export function validationFailed(messages: string[]): ApiError {
  return new ApiError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', `invalid request: ${messages.join('; ')}`, { errors: messages });
}

/** Reads a request value with a domain reader; its INVALID_ARGUMENT refusal becomes a 400 VALIDATION_FAILED. */
export class ReaderPipe<T> implements PipeTransform<unknown, T> {
  constructor(private readonly read: (value: unknown) => T) {}

  transform(value: unknown): T {
    try {
      return this.read(value);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'INVALID_ARGUMENT') throw validationFailed([error.detail]);
      throw error;
    }
  }
}

/** The JSON body, read by `read`. Type the parameter with the reader's result (an interface, so Nest's ValidationPipe leaves it alone). */
export const ReadBody = (read: (body: Payload) => unknown): ParameterDecorator => Body(new ReaderPipe((value) => read(asObject(value, 'body'))));

/** The query parameters, read by `read`. Type the parameter with the reader's result (an interface, as for ReadBody). */
export const ReadQuery = (read: (query: Payload) => unknown): ParameterDecorator => Query(new ReaderPipe((value) => read(asObject(value, 'query'))));

/**
 * A class-validator check by a domain reader, for the DTOs class-validator
 * still checks (events and webhooks): the same rule, in the reader's words.
 */
function CheckedBy(read: (value: unknown, path: string) => unknown): PropertyDecorator {
  const refusal = (value: unknown, path: string): string | undefined => {
    try {
      read(value, path);
      return undefined;
    } catch (error) {
      if (error instanceof DomainError) return error.detail;
      throw error;
    }
  };
  return ValidateBy({
    name: 'domainReader',
    validator: {
      validate: (value, args) => refusal(value, args?.property ?? '') === undefined,
      defaultMessage: (args) => refusal(args?.value, args?.property ?? '') ?? '',
    },
  });
}

/** An identifier property of a class-validator DTO, checked and described. */
export const IsIdentifier = (example: string, description?: string): PropertyDecorator =>
  applyDecorators(IdProperty(example, { description }), CheckedBy(readId));

function flatten(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => message.replace(error.property, path));
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

/**
 * Validates and transforms the bodies and queries of class-validator DTOs
 * (events and webhooks); unknown fields are refused. Parameters read by
 * ReadBody/ReadQuery are typed with interfaces, which this pipe skips.
 */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => validationFailed(flatten(errors)),
  });
}
