import { ConfigService } from '@nestjs/config';
import { X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:https';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TLSSocket } from 'node:tls';
import { makeTlsCertificate, TestCertificate } from '../../test/support/certificates';
import { TEST_CITIES } from '../../test/support/test-env';
import { TlsOrganisation } from './certificate-chain';
import { PartnerClient } from './partner-client';
import { PartnerTrust } from './partner-trust';

const { haidian, foshan, tianjin } = TEST_CITIES;
const organisationOf = (city: { mspId: string; ca: TestCertificate }): TlsOrganisation => ({
  mspId: city.mspId,
  roots: [city.ca.x509],
  intermediates: [],
});

/**
 * Haidian's client against real HTTPS servers on 127.0.0.1 standing in for
 * partner gateways, each with a certificate of the tests' making; the channel's
 * organisations are the test cities.
 */
describe('PartnerClient', () => {
  const servers: Server[] = [];
  let seen: { url?: string; clientCertificate?: X509Certificate };
  let client: PartnerClient;
  let channel: TlsOrganisation[];

  /** An HTTPS server with `certificate` that asks for client certificates and answers like a partner gateway; its URL. */
  async function partnerServer(certificate: TestCertificate): Promise<string> {
    const server = createServer(
      { cert: certificate.pem, key: certificate.keyPem, requestCert: true, rejectUnauthorized: false },
      (request, response) => {
        seen = { url: request.url, clientCertificate: (request.socket as TLSSocket).getPeerX509Certificate() };
        if (request.url?.startsWith('/partner/cases/HD-1/')) {
          response.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.4 form');
        } else {
          response.writeHead(403, { 'content-type': 'application/problem+json' }).end(JSON.stringify({ code: 'FORBIDDEN', detail: 'not yours' }));
        }
      },
    );
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  beforeAll(async () => {
    const files = mkdtempSync(join(tmpdir(), 'tongban-partner-client-'));
    writeFileSync(join(files, 'tls.pem'), haidian.gateway.pem);
    writeFileSync(join(files, 'tls.key'), haidian.gateway.keyPem);
    const gateway = {
      partnerGateways: {
        // Foshan's gateway, as it is.
        FoshanMSP: { url: await partnerServer(foshan.gateway) },
        // A server claiming to be Tianjin's, with a certificate of Foshan's CA.
        TianjinMSP: { url: await partnerServer(makeTlsCertificate(foshan.ca, 'gateway.tianjin')) },
        // Changsha's gateway, whose certificate names another host than its URL's.
        ChangshaMSP: { url: await partnerServer(makeTlsCertificate(foshan.ca, 'gateway.changsha', { hosts: ['changsha.example'] })) },
        GuangzhouMSP: { url: 'https://127.0.0.1:1' },
      },
      deadlines: { evaluateMs: 500 },
      tls: { certificatePath: join(files, 'tls.pem'), privateKeyPath: join(files, 'tls.key') },
    };
    const trust = { tlsCasOf: (mspId: string) => Promise.resolve(channel.find((organisation) => organisation.mspId === mspId)) };
    client = new PartnerClient({ get: () => gateway } as unknown as ConfigService, trust as unknown as PartnerTrust);
  });

  beforeEach(() => {
    seen = {};
    channel = [haidian, foshan, tianjin].map(organisationOf);
  });

  afterAll(async () => {
    client.onModuleDestroy();
    for (const server of servers) {
      server.close();
      await once(server, 'close');
    }
  });

  it("fetches a file from the partner's gateway presenting this gateway's TLS certificate, trusting the partner's CA", async () => {
    const file = await client.fetch('FoshanMSP', '/partner/cases/HD-1/materials/ab', 'material of case HD-1');
    expect(file).toEqual({ bytes: Buffer.from('%PDF-1.4 form'), mediaType: 'application/pdf' });
    expect(seen.url).toBe('/partner/cases/HD-1/materials/ab');
    expect(seen.clientCertificate?.fingerprint256).toBe(haidian.gateway.x509.fingerprint256);
  });

  it("answers 502 PARTNER_CERTIFICATE_UNTRUSTED when the server's certificate is not of the partner's CAs or names another host", async () => {
    await expect(client.fetch('TianjinMSP', '/partner/cases/HD-1/materials/ab', 'material of case HD-1')).rejects.toMatchObject({
      status: 502,
      code: 'PARTNER_CERTIFICATE_UNTRUSTED',
      detail: expect.stringMatching(
        /^TianjinMSP's gateway at https:\/\/127\.0\.0\.1:\d+ presented a TLS certificate that is not TianjinMSP's/,
      ) as unknown,
    });
    channel.push({ mspId: 'ChangshaMSP', roots: [foshan.ca.x509], intermediates: [] });
    await expect(client.fetch('ChangshaMSP', '/partner/cases/HD-1/materials/ab', 'material of case HD-1')).rejects.toMatchObject({
      status: 502,
      code: 'PARTNER_CERTIFICATE_UNTRUSTED',
      detail: expect.stringContaining("IP: 127.0.0.1 is not in the cert's list") as unknown,
    });
    expect(seen).toEqual({});
  });

  it("answers 502 PARTNER_REFUSED with the partner's own code and detail when it refuses", async () => {
    await expect(client.fetch('FoshanMSP', '/partner/cases/HD-2/materials/ab', 'material of case HD-2')).rejects.toMatchObject({
      status: 502,
      code: 'PARTNER_REFUSED',
      detail: "FoshanMSP's gateway answered 403 FORBIDDEN for the material of case HD-2: not yours",
    });
  });

  it('answers 503 MATERIAL_UNAVAILABLE, retry in 30 s, when no gateway is configured, the city is not in the channel or its gateway does not answer', async () => {
    await expect(client.fetch('ShenzhenMSP', '/partner/x', 'document of result R-1')).rejects.toMatchObject({
      status: 503,
      code: 'MATERIAL_UNAVAILABLE',
      detail: 'no gateway of ShenzhenMSP is configured to fetch the document of result R-1 from',
      extra: { retryAfterSeconds: 30 },
    });
    await expect(client.fetch('GuangzhouMSP', '/partner/x', 'document of result R-1')).rejects.toMatchObject({
      status: 503,
      detail: "GuangzhouMSP has no TLS root CA in the channel's configuration: its gateway cannot be trusted for the document of result R-1",
    });
    channel.push({ mspId: 'GuangzhouMSP', roots: [foshan.ca.x509], intermediates: [] });
    const unanswered = client.fetch('GuangzhouMSP', '/partner/x', 'document of result R-1');
    await expect(unanswered).rejects.toMatchObject({ status: 503, code: 'MATERIAL_UNAVAILABLE' });
    await expect(unanswered).rejects.toThrow(/^GuangzhouMSP's gateway did not answer for the document of result R-1: /);
  });
});
