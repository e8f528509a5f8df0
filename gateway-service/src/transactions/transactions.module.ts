import { Inject, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { join } from 'node:path';
import { GatewayConfig } from '../config/configuration';
import { LedgerWriteInterceptor } from './ledger-write';
import { TransactionStore } from './transaction-store';
import { TransactionsController } from './transactions.controller';

/**
 * Asynchronous ledger writes (Prefer: respond-async). Imported after the
 * idempotency module, so that its interceptor runs inside idempotency's: a
 * repeated request with the same Idempotency-Key gets the same transaction.
 */
@Module({
  controllers: [TransactionsController],
  providers: [
    {
      provide: TransactionStore,
      inject: [ConfigService],
      useFactory: (config: ConfigService) =>
        new TransactionStore(join((config.get<GatewayConfig>('gateway') as GatewayConfig).dataDir, 'transactions')),
    },
    { provide: APP_INTERCEPTOR, useClass: LedgerWriteInterceptor },
  ],
})
export class TransactionsModule implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(TransactionStore) private readonly store: TransactionStore) {}

  onModuleInit(): Promise<void> {
    return this.store.open();
  }

  onApplicationShutdown(): Promise<void> {
    return this.store.close();
  }
}
