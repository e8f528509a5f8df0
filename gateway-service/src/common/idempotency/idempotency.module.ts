import { Inject, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { dataStoreProvider } from '../data-store';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyStore } from './idempotency-store';

/** Idempotency-Key for every state-changing call, remembered in the gateway's data folder. */
@Module({
  providers: [dataStoreProvider(IdempotencyStore, 'idempotency'), { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor }],
})
export class IdempotencyModule implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(IdempotencyStore) private readonly store: IdempotencyStore) {}

  onModuleInit(): Promise<void> {
    return this.store.open();
  }

  onApplicationShutdown(): Promise<void> {
    return this.store.close();
  }
}
