import { HttpStatus, Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { ApiError } from '../common/api-error';
import { HttpsAnswer, httpsRequest } from '../common/https-request';
import { GatewayConfig } from '../config/configuration';
import { PartnerTrust } from './partner-trust';

/** A file fetched from a partner city's gateway, not yet checked. */
export interface PartnerFile {
  bytes: Buffer;
  /** As the partner's gateway sent it (Content-Type). */
  mediaType: string;
}

/** A file this gateway cannot have for now: its copy is missing here, or the city that holds it cannot be reached. */
export function materialUnavailable(detail: string): ApiError {
  return new ApiError(HttpStatus.SERVICE_UNAVAILABLE, 'MATERIAL_UNAVAILABLE', detail, { retryAfterSeconds: 30 });
}

/** Errors of Node's TLS client that say the server's certificate is not one to trust (OpenSSL's verify codes, Node's name check). */
const UNTRUSTED_SERVER = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|INVALID_CA|INVALID_PURPOSE|ALTNAME/;

/**
 * Fetches files from partner cities' gateways (their `/partner` routes) over
 * mutual TLS: this gateway presents its own TLS certificate as a client
 * certificate, and trusts the partner's server certificate only if it chains
 * to that partner's TLS CAs in the channel's configuration (PartnerTrust)
 * and names the host of its URL.
 */
@Injectable()
export class PartnerClient implements OnModuleDestroy {
  private readonly gateways: Partial<GatewayConfig['partnerGateways']>;
  private readonly timeoutMs: number;
  private readonly certificate: Buffer;
  private readonly privateKey: Buffer;
  /** Connections are kept per partner and its CAs (Node's agent keys them by TLS options). */
  private readonly agent = new Agent({ keepAlive: true });

  constructor(
    @Inject(ConfigService) config: ConfigService,
    private readonly trust: PartnerTrust,
  ) {
    const gateway = config.get<GatewayConfig>('gateway') as GatewayConfig;
    this.gateways = gateway.partnerGateways;
    this.timeoutMs = gateway.deadlines.evaluateMs * 6;
    this.certificate = readFileSync(gateway.tls.certificatePath);
    this.privateKey = readFileSync(gateway.tls.privateKeyPath);
  }

  onModuleDestroy(): void {
    this.agent.destroy();
  }

  /**
   * GETs `path` from the gateway of `partnerMsp`; `what` names the file in
   * errors. Answers 503 when that gateway is not configured, its city is not
   * in the channel's configuration or it does not answer; 502
   * PARTNER_CERTIFICATE_UNTRUSTED when its server certificate is not its
   * city's; and 502 with the partner's code and detail when it refuses.
   */
  async fetch(partnerMsp: string, path: string, what: string): Promise<PartnerFile> {
    const partner = this.gateways[partnerMsp];
    if (!partner) {
      throw materialUnavailable(`no gateway of ${partnerMsp} is configured to fetch the ${what} from`);
    }
    const cas = await this.trust.tlsCasOf(partnerMsp);
    if (!cas || cas.roots.length === 0) {
      throw materialUnavailable(`${partnerMsp} has no TLS root CA in the channel's configuration: its gateway cannot be trusted for the ${what}`);
    }
    const url = new URL(`${partner.url}${path}`);
    let response: HttpsAnswer;
    try {
      response = await httpsRequest(url, {
        agent: this.agent,
        ca: [...cas.roots, ...cas.intermediates].map((ca) => ca.toString()),
        cert: this.certificate,
        key: this.privateKey,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const { code, message } = error as NodeJS.ErrnoException;
      if (code && UNTRUSTED_SERVER.test(code)) {
        throw new ApiError(
          HttpStatus.BAD_GATEWAY,
          'PARTNER_CERTIFICATE_UNTRUSTED',
          `${partnerMsp}'s gateway at ${url.origin} presented a TLS certificate that is not ${partnerMsp}'s ` +
            `(issued by its TLS CAs in the channel's configuration, naming ${url.hostname}): ${message}`,
        );
      }
      throw materialUnavailable(`${partnerMsp}'s gateway did not answer for the ${what}: ${message}`);
    }
    if (response.status < 200 || response.status > 299) {
      let problem: { code?: string; detail?: string } = {};
      try {
        problem = JSON.parse(response.body.toString('utf8')) as typeof problem;
      } catch {
        // Not problem+json: the status says enough.
      }
      // The partner does not have it (never uploaded, say): not a fault of either gateway.
      const missing = response.status === 404;
      throw new ApiError(
        missing ? HttpStatus.NOT_FOUND : HttpStatus.BAD_GATEWAY,
        missing ? 'NOT_FOUND' : 'PARTNER_REFUSED',
        `${partnerMsp}'s gateway answered ${response.status} ${problem.code ?? ''} for the ${what}: ${problem.detail ?? ''}`.trim(),
      );
    }
    return { bytes: response.body, mediaType: response.headers['content-type'] ?? 'application/octet-stream' };
  }
}
