import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { MulterModule } from '@nestjs/platform-express';
import { CasesModule } from '../cases/cases.module';
import { GatewayConfig } from '../config/configuration';
import { PartnerClient } from '../partner/partner-client';
import { ResultsModule } from '../results/results.module';
import { MaterialsController } from './materials.controller';
import { MaterialsService } from './materials.service';

@Module({
  imports: [
    CasesModule,
    ResultsModule,
    MulterModule.registerAsync({
      inject: [ConfigService],
      // Files are checked and hashed whole, so they stay in memory up to the configured limit.
      useFactory: (config: ConfigService) => ({
        limits: { fileSize: (config.get<GatewayConfig>('gateway') as GatewayConfig).materials.maxBytes, files: 1 },
      }),
    }),
  ],
  controllers: [MaterialsController],
  // PartnerClient (partner/) fetches the files this city does not hold from the city that does.
  providers: [MaterialsService, PartnerClient],
  exports: [MaterialsService],
})
export class MaterialsModule {}
