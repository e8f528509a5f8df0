import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { MulterModule } from '@nestjs/platform-express';
import { GatewayConfig } from '../config/configuration';
import { MaterialsController, PartnerController } from './materials.controller';
import { MaterialsService } from './materials.service';

@Module({
  imports: [
    MulterModule.registerAsync({
      inject: [ConfigService],
      // Files are checked and hashed whole, so they stay in memory up to the configured limit.
      useFactory: (config: ConfigService) => ({
        limits: { fileSize: (config.get<GatewayConfig>('gateway') as GatewayConfig).materials.maxBytes, files: 1 },
      }),
    }),
  ],
  controllers: [MaterialsController, PartnerController],
  providers: [MaterialsService],
})
export class MaterialsModule {}
