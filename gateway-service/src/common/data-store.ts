import { FactoryProvider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { join } from 'node:path';
import { GatewayConfig } from '../config/configuration';

/**
 * Provides an embedded store (a LevelDB of classic-level) kept in its own
 * folder of the gateway's data folder, so it outlives restarts; the module
 * owning it opens and closes it.
 */
export const dataStoreProvider = <T>(store: new (directory: string) => T, folder: string): FactoryProvider<T> => ({
  provide: store,
  inject: [ConfigService],
  useFactory: (config: ConfigService) => new store(join((config.get<GatewayConfig>('gateway') as GatewayConfig).dataDir, folder)),
});
