/**
 * Field rules shared by the DTOs. They mirror the chaincode's readers so a bad
 * request is refused here, before any Fabric call, with the same wording.
 */
import { applyDecorators, HttpStatus, ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { ApiError } from './api-error';

export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const SHA256_PATTERN = /^[0-9a-f]{64}$/;
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** An identifier (case id, code, MSP ID...): letters, digits, '.', '_' or '-', up to 64. */
export const IsIdentifier = (example: string, description?: string) =>
  applyDecorators(
    ApiProperty({ example, description, pattern: ID_PATTERN.source, maxLength: 64 }),
    IsString(),
    Length(1, 64),
    Matches(ID_PATTERN, { message: "$property must be letters, digits, '.', '_' or '-', starting with a letter or digit" }),
  );

export const IsSha256 = (example: string, description?: string) =>
  applyDecorators(
    ApiProperty({ example, description, pattern: SHA256_PATTERN.source }),
    IsString(),
    Matches(SHA256_PATTERN, { message: '$property must be 64 lower-case hex digits (SHA-256)' }),
  );

export const IsReason = (example: string) =>
  applyDecorators(ApiProperty({ example, maxLength: 500 }), IsString(), Length(1, 500));

function flatten(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => message.replace(error.property, path));
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

/** Validates and transforms bodies and queries; unknown fields are refused. */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const messages = flatten(errors);
      return new ApiError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', `invalid request: ${messages.join('; ')}`, {
        errors: messages,
      });
    },
  });
}
