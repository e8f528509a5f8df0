import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { JsonLogger } from './common/json-logger';
import { describeConfig, GatewayConfig } from './config/configuration';
import { configureHttp } from './http-setup';
import { setUpOpenApi } from './openapi';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { logger: new JsonLogger(), bodyParser: false });
  configureHttp(app);
  app.enableShutdownHooks();
  setUpOpenApi(app);
  const config = app.get(ConfigService).get<GatewayConfig>('gateway') as GatewayConfig;
  Logger.log({ msg: 'configuration', config: describeConfig(config) }, 'Bootstrap');
  await app.listen(config.port, config.host);
  Logger.log({ msg: `listening on http://${config.host}:${config.port} for ${config.mspId}` }, 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`${JSON.stringify({ level: 'fatal', msg: error instanceof Error ? error.message : String(error) })}\n`);
  process.exit(1);
});
