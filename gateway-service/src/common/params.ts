import { HttpStatus, Param, PipeTransform, Query } from '@nestjs/common';
import { ApiError } from './api-error';
import { ID_PATTERN } from './validation';

/** Refuses a path parameter that is not an identifier, naming it. */
class IdentifierPipe implements PipeTransform<string, string> {
  constructor(private readonly name: string) {}

  transform(value: string): string {
    if (value.length > 64 || !ID_PATTERN.test(value)) {
      throw new ApiError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', `${this.name} must be letters, digits, '.', '_' or '-' (at most 64)`);
    }
    return value;
  }
}

/** A path parameter holding an identifier (case id, MSP ID, code, certificate number). */
export const IdentifierParam = (name: string): ParameterDecorator => Param(name, new IdentifierPipe(name));


/** An optional query parameter holding an identifier. */
export const IdentifierQuery = (name: string): ParameterDecorator => Query(name, new OptionalIdentifierPipe(name));

class OptionalIdentifierPipe extends IdentifierPipe {
  override transform(value: string): string {
    return value === undefined ? value : super.transform(value);
  }
}
