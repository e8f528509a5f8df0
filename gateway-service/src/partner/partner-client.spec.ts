import { ConfigService } from '@nestjs/config';
import { once } from 'node:events';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { PartnerClient } from './partner-client';

/** The client against a real HTTP server on 127.0.0.1 standing in for Haidian's gateway. */
describe('PartnerClient', () => {
  let server: Server;
  let client: PartnerClient;
  let seen: { url?: string; headers?: IncomingHttpHeaders };

  beforeAll(async () => {
    server = createServer((request, response) => {
      seen = { url: request.url, headers: request.headers };
      if (request.url?.startsWith('/partner/cases/HD-1/')) {
        response.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.4 form');
      } else {
        response.writeHead(403, { 'content-type': 'application/problem+json' }).end(JSON.stringify({ code: 'FORBIDDEN', detail: 'not yours' }));
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const gateway = {
      partnerGateways: {
        HaidianMSP: { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, key: 'haidian-shares-this' },
        TianjinMSP: { url: 'http://127.0.0.1:1', key: 'unreachable' },
      },
      deadlines: { evaluateMs: 500 },
    };
    client = new PartnerClient({ get: () => gateway } as unknown as ConfigService);
  });

  afterAll(async () => {
    server.close();
    await once(server, 'close');
  });

  it("fetches a file from the partner's gateway with the key shared with that city", async () => {
    const file = await client.fetch('HaidianMSP', '/partner/cases/HD-1/materials/ab', 'material of case HD-1');
    expect(file).toEqual({ bytes: Buffer.from('%PDF-1.4 form'), mediaType: 'application/pdf' });
    expect(seen.url).toBe('/partner/cases/HD-1/materials/ab');
    expect(seen.headers?.['x-partner-key']).toBe('haidian-shares-this');
  });

  it("answers 502 PARTNER_REFUSED with the partner's own code and detail when it refuses", async () => {
    await expect(client.fetch('HaidianMSP', '/partner/cases/HD-2/materials/ab', 'material of case HD-2')).rejects.toMatchObject({
      status: 502,
      code: 'PARTNER_REFUSED',
      detail: "HaidianMSP's gateway answered 403 FORBIDDEN for the material of case HD-2: not yours",
    });
  });

  it('answers 503 MATERIAL_UNAVAILABLE, retry in 30 s, when no gateway is configured or it does not answer', async () => {
    await expect(client.fetch('GuangzhouMSP', '/partner/x', 'document of result R-1')).rejects.toMatchObject({
      status: 503,
      code: 'MATERIAL_UNAVAILABLE',
      detail: 'no gateway of GuangzhouMSP is configured to fetch the document of result R-1 from',
      extra: { retryAfterSeconds: 30 },
    });
    const unanswered = client.fetch('TianjinMSP', '/partner/x', 'document of result R-1');
    await expect(unanswered).rejects.toMatchObject({ status: 503, code: 'MATERIAL_UNAVAILABLE' });
    await expect(unanswered).rejects.toThrow(/^TianjinMSP's gateway did not answer for the document of result R-1: /);
  });
});
