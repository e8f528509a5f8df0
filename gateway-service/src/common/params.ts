import { Param, Query } from '@nestjs/common';
import { optional, readId } from '@tongban/chaincode/domain';
import { ReaderPipe } from './validation';

/** A path parameter read by a domain reader, which names it in a refusal. */
export const ReadParam = (name: string, read: (value: unknown, path: string) => unknown): ParameterDecorator =>
  Param(name, new ReaderPipe((value) => read(value, name)));

/** A path parameter holding an identifier (case id, MSP ID, code, certificate number). */
export const IdentifierParam = (name: string): ParameterDecorator => ReadParam(name, readId);

/** An optional query parameter holding an identifier. */
export const IdentifierQuery = (name: string): ParameterDecorator => Query(name, new ReaderPipe((value) => optional(value, name, readId)));
