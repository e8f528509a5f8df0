import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AgreementsModule } from './agreements/agreements.module';
import { CasesModule } from './cases/cases.module';
import { CitiesModule } from './cities/cities.controller';
import { CatalogueModule } from './catalogue/catalogue.module';
import { EventsModule } from './events/events.module';
import { ApiKeyGuard } from './common/auth/api-key.guard';
import { IdempotencyModule } from './common/idempotency/idempotency.module';
import { KnownRoutes } from './common/known-routes';
import { ProblemFilter } from './common/problem.filter';
import { ApiKeyRateLimitGuard } from './common/rate-limit';
import { RequestContextMiddleware } from './common/request-context.middleware';
import { validateConfig } from './config/configuration';
import { FabricModule } from './fabric/fabric.module';
import { HealthController } from './health/health.controller';
import { MaterialsModule } from './materials/materials.module';
import { MetricsModule } from './metrics/metrics.module';
import { PartnerModule } from './partner/partner.module';
import { PartnerTrustModule } from './partner/partner-trust.module';
import { PublicVerificationModule } from './public-verification/public-verification.module';
import { ResultsModule } from './results/results.module';
import { StaffModule } from './staff/staff.module';
import { StatisticsModule } from './statistics/statistics.module';
import { TransactionsModule } from './transactions/transactions.module';

@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      ignoreEnvFile: true,
      validate: (env) => ({ gateway: validateConfig(env) }),
    }),
    MetricsModule,
    IdempotencyModule,
    // After IdempotencyModule: its interceptor runs inside idempotency's.
    TransactionsModule,
    FabricModule,
    PartnerTrustModule,
    CatalogueModule,
    AgreementsModule,
    CasesModule,
    ResultsModule,
    EventsModule,
    MaterialsModule,
    PartnerModule,
    PublicVerificationModule,
    StatisticsModule,
    StaffModule,
    CitiesModule,
  ],
  controllers: [HealthController],
  providers: [
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    // After the API key guard: it knows the caller.
    { provide: APP_GUARD, useClass: ApiKeyRateLimitGuard },
    KnownRoutes,
    { provide: APP_FILTER, useClass: ProblemFilter },
  ],
})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestContextMiddleware).forRoutes('*');
  }
}
