import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { Drain } from './common/drain';
import { PinoLogger } from './common/pino-logger';
import { describeConfig, GatewayConfig, validateConfig } from './config/configuration';
import { configureHttp, httpsOptionsOf } from './http-setup';
import { setUpOpenApi } from './openapi/document';

async function bootstrap(): Promise<void> {
  // Read here too (ConfigModule reads it again): the server's certificate is needed to create the app.
  const { tls } = validateConfig(process.env);
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    logger: new PinoLogger(),
    bodyParser: false,
    httpsOptions: httpsOptionsOf(tls),
  });
  const config = app.get(ConfigService).get<GatewayConfig>('gateway') as GatewayConfig;
  const drain = new Drain();
  configureHttp(app, drain);
  setUpOpenApi(app);
  Logger.log({ msg: 'configuration', config: describeConfig(config) }, 'Bootstrap');
  await app.listen(config.port, config.host);
  Logger.log({ msg: `listening on https://${config.host}:${config.port} for ${config.mspId}` }, 'Bootstrap');

  // Not Nest's shutdown hooks: they would close the Fabric connection under the requests in flight.
  const stop = async (signal: string): Promise<void> => {
    Logger.log({ msg: `${signal}: draining ${String(drain.inFlight)} requests in flight` }, 'Bootstrap');
    const cut = await drain.drain(config.drainTimeoutMs);
    Logger.log({ msg: `drained (${String(cut)} unfinished requests answered 503); closing` }, 'Bootstrap');
    await app.close();
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void stop(signal));
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`${JSON.stringify({ level: 'fatal', msg: error instanceof Error ? error.message : String(error) })}\n`);
  process.exit(1);
});
