import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Role } from '@tongban/chaincode/domain';
import { GatewayConfig } from '../config/configuration';
import { decodeJson, Ledger, Writer } from '../fabric/ledger';
import { qrCodeSvg, verificationLink } from './result-qr';

/** An issued result, as the chaincode returns it (fields this gateway reads). */
export interface ResultView {
  certificateNumber: string;
  issuingMsp: string;
  documentSha256: string;
  [field: string]: unknown;
}

@Injectable()
export class ResultsService {
  private readonly publicUrl: string;

  constructor(
    private readonly ledger: Ledger,
    @Inject(ConfigService) config: ConfigService,
  ) {
    this.publicUrl = (config.get<GatewayConfig>('gateway') as GatewayConfig).publicUrl;
  }

  async get(role: Role, certificateNumber: string): Promise<ResultView> {
    return decodeJson(await this.ledger.evaluate(role, 'Results:GetResult', certificateNumber)) as ResultView;
  }

  /** The QR code of an issued result's verification link (NOT_FOUND for a number with no result). */
  async qrCode(role: Role, certificateNumber: string): Promise<string> {
    const result = await this.get(role, certificateNumber);
    return qrCodeSvg(verificationLink(this.publicUrl, result.certificateNumber));
  }

  verify(role: Role, certificateNumber: string, documentSha256: string): Promise<unknown> {
    return this.ledger.evaluate(role, 'Results:VerifyResult', certificateNumber, documentSha256).then(decodeJson);
  }

  revoke(writer: Writer, certificateNumber: string, reason: string): Promise<unknown> {
    return this.ledger.submit(writer, 'Results:RevokeResult', { arguments: [certificateNumber, reason] }).then(decodeJson);
  }

  recognise(writer: Writer, certificateNumber: string, agreementId: string, purpose: string): Promise<unknown> {
    return this.ledger.submit(writer, 'Results:RecogniseResult', { arguments: [certificateNumber, agreementId, purpose] }).then(decodeJson);
  }

  recognitions(role: Role, certificateNumber: string): Promise<unknown> {
    return this.ledger.evaluate(role, 'Results:ListRecognitions', certificateNumber).then(decodeJson);
  }
}
