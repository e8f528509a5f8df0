import { createParamDecorator, ExecutionContext, Param, Query } from '@nestjs/common';
import type { Request } from 'express';
import { ApiParam, ApiQuery } from '@nestjs/swagger';
import { asString, ID_RULE, StringRule } from '@tongban/chaincode/domain';
import { stringLimits } from './api-property';
import { ReaderPipe } from './validation';

/**
 * Declares a parameter in the OpenAPI document from inside a parameter
 * decorator: swagger's ApiParam/ApiQuery are method decorators, and this
 * keeps the parameter's rule in one place, beside the pipe that checks it.
 */
function describeParameter(target: object, key: string | symbol | undefined, decorate: MethodDecorator): void {
  if (key === undefined) throw new Error('a request parameter belongs to a route handler');
  const descriptor = Object.getOwnPropertyDescriptor(target, key);
  if (!descriptor) throw new Error(`no handler ${String(key)} to describe a parameter of`);
  decorate(target, key, descriptor);
}

/** A path parameter read with a string rule, which names it in a refusal (with `code`, see ReaderPipe) and describes it in the document. */
export const ReadParam =
  (name: string, rule: StringRule, code?: string): ParameterDecorator =>
  (target, key, index) => {
    Param(name, new ReaderPipe((value) => asString(value, name, rule), code))(target, key, index);
    describeParameter(target, key, ApiParam({ name, type: String, ...stringLimits(rule) }));
  };

/** A path parameter holding an identifier (case id, MSP ID, code, certificate number). */
export const IdentifierParam = (name: string, code?: string): ParameterDecorator => ReadParam(name, ID_RULE, code);

/** A query parameter read with a string rule, refused with `code` (see ReaderPipe), and described in the document. */
export const ReadQueryParam =
  (name: string, rule: StringRule, code: string, description: string): ParameterDecorator =>
  (target, key, index) => {
    Query(name, new ReaderPipe((value) => asString(value, name, rule), code))(target, key, index);
    describeParameter(target, key, ApiQuery({ name, type: String, description, ...stringLimits(rule) }));
  };

const HeaderValue = createParamDecorator((name: string, context: ExecutionContext) => context.switchToHttp().getRequest<Request>().header(name));

/** A request header read by `read` (undefined when absent); describe it with ApiHeader. */
export const ReadHeader = (name: string, read: (value: unknown) => unknown): ParameterDecorator => HeaderValue(name, new ReaderPipe(read));
