import { ExecutionContext } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';

/** The status a handler's success is answered with: its @HttpCode, or Nest's default (201 for POST, 200 otherwise). */
export function answerStatusOf(reflector: Reflector, context: ExecutionContext): number {
  const declared = reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler());
  return declared ?? (context.switchToHttp().getRequest<Request>().method === 'POST' ? 201 : 200);
}
