/**
 * OpenAPI descriptions of request fields, taken from the domain's rules: the
 * document states the limits the readers check, and no limit is written twice.
 */
import { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ID_RULE, IntegerRule, ListRule, minLengthOf, StringRule } from '@tongban/chaincode/domain';

/** What a property's description adds to its rule. */
export interface PropertyDescription {
  example?: unknown;
  description?: string;
  /** False for an optional field (true by default). */
  required?: boolean;
  default?: unknown;
}

export const stringLimits = (rule: StringRule) => ({ minLength: minLengthOf(rule), maxLength: rule.max, pattern: rule.pattern?.source });
const listLimits = (rule: ListRule) => ({ isArray: true, minItems: rule.min, maxItems: rule.max });

/** A string read with `rule`. */
export const StringProperty = (rule: StringRule, options: PropertyDescription = {}): PropertyDecorator =>
  ApiProperty({ ...options, type: String, ...stringLimits(rule) });

/** An identifier (case id, code, MSP ID, certificate number). */
export const IdProperty = (example: string, options: PropertyDescription = {}): PropertyDecorator => StringProperty(ID_RULE, { example, ...options });

/** An integer within `rule`'s bounds. */
export const IntegerProperty = (rule: IntegerRule, options: PropertyDescription = {}): PropertyDecorator =>
  ApiProperty({ ...options, type: 'integer', minimum: rule.min, maximum: rule.max });

/** A list of `rule.min` to `rule.max` items of `type`. */
export const ListProperty = (rule: ListRule, type: Type<unknown>, options: PropertyDescription = {}): PropertyDecorator =>
  ApiProperty({ ...options, type, ...listLimits(rule) });

/** A list of `rule.min` to `rule.max` strings, each read with `item`. */
export const StringListProperty = (rule: ListRule, item: StringRule, options: PropertyDescription = {}): PropertyDecorator =>
  ApiProperty({ ...options, type: String, ...listLimits(rule), ...stringLimits(item) });

/** A list of `rule.min` to `rule.max` identifiers. */
export const IdListProperty = (rule: ListRule, options: PropertyDescription = {}): PropertyDecorator => StringListProperty(rule, ID_RULE, options);

/** A calendar day written YYYY-MM-DD. */
export const DateProperty = (options: PropertyDescription = {}): PropertyDecorator => ApiProperty({ ...options, type: String, format: 'date' });
