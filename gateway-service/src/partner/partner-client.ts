import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiError } from '../common/api-error';
import { PARTNER_KEY_HEADER } from '../common/auth/api-key.guard';
import { GatewayConfig } from '../config/configuration';

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

/**
 * Fetches files from partner cities' gateways (their `/partner` routes),
 * presenting the key this city shares with each.
 */
@Injectable()
export class PartnerClient {
  private readonly gateways: Partial<GatewayConfig['partnerGateways']>;
  private readonly timeoutMs: number;

  constructor(@Inject(ConfigService) config: ConfigService) {
    const gateway = config.get<GatewayConfig>('gateway') as GatewayConfig;
    this.gateways = gateway.partnerGateways;
    this.timeoutMs = gateway.deadlines.evaluateMs * 6;
  }

  /**
   * GETs `path` from the gateway of `partnerMsp`; `what` names the file in
   * errors. Answers 503 when that gateway is not configured or does not answer,
   * and 502 with the partner's code and detail when it refuses.
   */
  async fetch(partnerMsp: string, path: string, what: string): Promise<PartnerFile> {
    const partner = this.gateways[partnerMsp];
    if (!partner) {
      throw materialUnavailable(`no gateway of ${partnerMsp} is configured to fetch the ${what} from`);
    }
    let response: Response;
    try {
      response = await fetch(`${partner.url}${path}`, {
        headers: { [PARTNER_KEY_HEADER]: partner.key },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw materialUnavailable(`${partnerMsp}'s gateway did not answer for the ${what}: ${(error as Error).message}`);
    }
    if (!response.ok) {
      const problem = (await response.json().catch(() => ({}))) as { code?: string; detail?: string };
      // The partner does not have it (never uploaded, say): not a fault of either gateway.
      const missing = response.status === 404;
      throw new ApiError(
        missing ? HttpStatus.NOT_FOUND : HttpStatus.BAD_GATEWAY,
        missing ? 'NOT_FOUND' : 'PARTNER_REFUSED',
        `${partnerMsp}'s gateway answered ${response.status} ${problem.code ?? ''} for the ${what}: ${problem.detail ?? ''}`.trim(),
      );
    }
    return { bytes: Buffer.from(await response.arrayBuffer()), mediaType: response.headers.get('content-type') ?? 'application/octet-stream' };
  }
}
