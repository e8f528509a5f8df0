import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { GatewayConfig } from '../config/configuration';
import { decodeJson, Ledger } from '../fabric/ledger';
import { LedgerVerification, PublicVerdict, publicVerdict } from './public-verdict';

/** Verifies a licence for anyone, reading the ledger as the gateway's own reader role (no caller to act as). */
@Injectable()
export class PublicVerificationService {
  private readonly cityNames: Record<string, string>;

  constructor(
    private readonly ledger: Ledger,
    @Inject(ConfigService) config: ConfigService,
  ) {
    this.cityNames = (config.get<GatewayConfig>('gateway') as GatewayConfig).cityNames;
  }

  async verify(certificateNumber: string, documentSha256: string): Promise<PublicVerdict> {
    const answer = await this.ledger.evaluate(this.ledger.readerRole, 'Results:VerifyResult', certificateNumber, documentSha256);
    return publicVerdict(decodeJson(answer) as LedgerVerification, this.cityNames);
  }
}
