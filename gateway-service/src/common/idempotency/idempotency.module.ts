import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { dataStoreProvider } from '../data-store';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyStore } from './idempotency-store';

/** Idempotency-Key for every state-changing call, remembered in the gateway's data folder. */
@Module({
  providers: [dataStoreProvider(IdempotencyStore, 'idempotency'), { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor }],
})
export class IdempotencyModule {}
