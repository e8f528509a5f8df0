import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dataStoreProvider } from '../common/data-store';
import { GatewayConfig } from '../config/configuration';
import { FabricCaClient } from './ca-client';
import { StaffController, StaffEnrolmentController, StaffTransactionsController } from './staff.controller';
import { StaffSessions } from './staff-sessions';
import { StaffSigningInterceptor } from './staff-signing.interceptor';
import { StaffSigningService } from './staff-signing.service';
import { CA_CLIENT, STAFF_MSP_ID, StaffService } from './staff.service';
import { StaffStore } from './staff-store';

const gatewayConfig = (config: ConfigService) => config.get<GatewayConfig>('gateway') as GatewayConfig;

@Module({
  controllers: [StaffController, StaffEnrolmentController, StaffTransactionsController],
  providers: [
    StaffService,
    StaffSigningService,
    StaffSessions,
    { provide: APP_INTERCEPTOR, useClass: StaffSigningInterceptor },
    dataStoreProvider(StaffStore, 'staff'),
    { provide: STAFF_MSP_ID, inject: [ConfigService], useFactory: (config: ConfigService) => gatewayConfig(config).mspId },
    {
      provide: CA_CLIENT,
      inject: [ConfigService],
      useFactory: (config: ConfigService): FabricCaClient | undefined => {
        const ca = gatewayConfig(config).ca;
        return (
          ca &&
          new FabricCaClient({
            url: ca.url,
            caName: ca.caName,
            tlsRootCert: readFileSync(ca.tlsRootCertPath, 'utf8'),
            registrar: { certificate: readFileSync(ca.registrarCertPath, 'utf8'), privateKey: createPrivateKey(readFileSync(ca.registrarKeyPath)) },
          })
        );
      },
    },
  ],
  // The API key guard (app.module.ts) authenticates staff sessions too.
  exports: [StaffSessions],
})
export class StaffModule {}
