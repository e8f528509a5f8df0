/**
 * Request validation by the domain's readers (`@tongban/chaincode/domain`):
 * the gateway refuses a bad request before any Fabric call, by the same rules
 * and in the same words as the chaincode.
 */
import { Body, HttpStatus, PipeTransform, Query } from '@nestjs/common';
import { asObject, DomainError, Payload } from '@tongban/chaincode/domain';
import { ApiError } from './api-error';

/** The 400 VALIDATION_FAILED answer, listing what was wrong. */
export function validationFailed(messages: string[]): ApiError {
  return new ApiError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', `invalid request: ${messages.join('; ')}`, { errors: messages });
}

/**
 * Reads a request value with a domain reader; its INVALID_ARGUMENT refusal
 * becomes a 400 VALIDATION_FAILED, or a 400 with `code` when the reader reads
 * one field that callers must tell apart without reading the detail (the
 * public routes: INVALID_CERTIFICATE_NUMBER).
 */
export class ReaderPipe<T> implements PipeTransform<unknown, T> {
  constructor(
    private readonly read: (value: unknown) => T,
    private readonly code?: string,
  ) {}

  transform(value: unknown): T {
    try {
      return this.read(value);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'INVALID_ARGUMENT') throw error;
      if (this.code === undefined) throw validationFailed([error.detail]);
      throw new ApiError(HttpStatus.BAD_REQUEST, this.code, error.detail, { errors: [error.detail] });
    }
  }
}

/** The JSON body, read by `read`. Type the parameter with the reader's result (an interface, so Nest's ValidationPipe leaves it alone). */
export const ReadBody = (read: (body: Payload) => unknown): ParameterDecorator => Body(new ReaderPipe((value) => read(asObject(value, 'body'))));

/** As ReadBody, for a route whose body is optional (documented `required: false`): none is read as {}. */
export const ReadOptionalBody = (read: (body: Payload) => unknown): ParameterDecorator =>
  Body(new ReaderPipe((value) => read(value === undefined ? {} : asObject(value, 'body'))));

/** The query parameters, read by `read`. Type the parameter with the reader's result (an interface, as for ReadBody). */
export const ReadQuery = (read: (query: Payload) => unknown): ParameterDecorator => Query(new ReaderPipe((value) => read(asObject(value, 'query'))));
