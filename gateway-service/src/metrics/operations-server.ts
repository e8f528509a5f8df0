import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createServer, Server } from 'node:http';
import { GatewayConfig } from '../config/configuration';
import { MetricsService } from './metrics.service';

/**
 * The operations address, apart from the API (as Fabric's peers and orderers
 * have one): Prometheus metrics at /metrics and liveness at /healthz. Request
 * counts per route are the city's business figures, so they are not served on
 * the API's port; only the operators' network should reach this address.
 */
@Injectable()
export class OperationsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OperationsServer.name);
  private readonly address: GatewayConfig['operations'];
  private server?: Server;

  constructor(
    @Inject(ConfigService) config: ConfigService,
    private readonly metrics: MetricsService,
  ) {
    this.address = (config.get<GatewayConfig>('gateway') as GatewayConfig).operations;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.address) return;
    const { host, port } = this.address;
    const server = createServer((request, response) => {
      const path = (request.url ?? '').split('?')[0];
      if (request.method === 'GET' && path === '/metrics') {
        void this.metrics.registry.metrics().then((text) => response.writeHead(200, { 'content-type': this.metrics.registry.contentType }).end(text));
      } else if (request.method === 'GET' && path === '/healthz') {
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      } else {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found: the operations address serves /metrics and /healthz\n');
      }
    });
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
    this.server = server;
    this.logger.log({ msg: `operations (metrics, healthz) on http://${host}:${String(port)}` });
  }

  /** The port it listens on (the configured one, or the one the system chose for port 0). */
  get port(): number | undefined {
    const address = this.server?.address();
    return typeof address === 'object' && address !== null ? address.port : undefined;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (server)
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
  }
}
