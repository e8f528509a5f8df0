import { Global, Module } from '@nestjs/common';
import { MetricsService } from './metrics.service';
import { OperationsServer } from './operations-server';

@Global()
@Module({ providers: [MetricsService, OperationsServer], exports: [MetricsService] })
export class MetricsModule {}
