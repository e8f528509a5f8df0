import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { dataStoreProvider } from '../common/data-store';
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
  providers: [dataStoreProvider(TransactionStore, 'transactions'), { provide: APP_INTERCEPTOR, useClass: LedgerWriteInterceptor }],
})
export class TransactionsModule {}
