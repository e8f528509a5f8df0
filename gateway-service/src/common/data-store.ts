import { FactoryProvider, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ClassicLevel } from 'classic-level';
import { join } from 'node:path';
import { GatewayConfig } from '../config/configuration';

/**
 * An embedded store: a LevelDB (classic-level) of JSON values in its own
 * folder of the gateway's data folder, so it outlives restarts. Nest opens it
 * as the application starts and closes it at shutdown; a store that tidies its
 * records at start extends `open`.
 */
export abstract class DataStore<Value> implements OnModuleInit, OnApplicationShutdown {
  protected readonly db: ClassicLevel<string, Value>;

  constructor(directory: string) {
    this.db = new ClassicLevel(directory, { valueEncoding: 'json' });
  }

  open(): Promise<void> {
    return this.db.open();
  }

  close(): Promise<void> {
    return this.db.close();
  }

  onModuleInit(): Promise<void> {
    return this.open();
  }

  onApplicationShutdown(): Promise<void> {
    return this.close();
  }
}

/** Provides the store `store` kept in `folder` of the gateway's data folder. */
export const dataStoreProvider = <T>(store: new (directory: string) => T, folder: string): FactoryProvider<T> => ({
  provide: store,
  inject: [ConfigService],
  useFactory: (config: ConfigService) => new store(join((config.get<GatewayConfig>('gateway') as GatewayConfig).dataDir, folder)),
});
