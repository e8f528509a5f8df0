import { ConfigService } from '@nestjs/config';
import { MetricsService } from './metrics.service';
import { OperationsServer } from './operations-server';

describe('the operations address', () => {
  const serverAt = (operations?: { host: string; port: number }) =>
    new OperationsServer({ get: () => ({ operations }) } as unknown as ConfigService, new MetricsService());

  it('serves Prometheus metrics and liveness, and nothing else', async () => {
    const server = serverAt({ host: '127.0.0.1', port: 0 });
    await server.onApplicationBootstrap();
    try {
      const base = `http://127.0.0.1:${String(server.port)}`;
      const metrics = await fetch(`${base}/metrics`);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain('tongban_http_requests_total');
      expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
      expect((await fetch(`${base}/cases`)).status).toBe(404);
    } finally {
      await server.onApplicationShutdown();
    }
  });

  it('listens nowhere when no operations port is configured', async () => {
    const server = serverAt(undefined);
    await server.onApplicationBootstrap();
    expect(server.port).toBeUndefined();
  });
});
