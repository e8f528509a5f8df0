import { Injectable } from '@nestjs/common';
import { Role } from '@tongban/chaincode/domain';
import { decodeJson, Ledger } from '../fabric/ledger';

/** An issued result, as the chaincode returns it (fields this gateway reads). */
export interface ResultView {
  certificateNumber: string;
  issuingMsp: string;
  documentSha256: string;
  [field: string]: unknown;
}

@Injectable()
export class ResultsService {
  constructor(private readonly ledger: Ledger) {}

  async get(role: Role, certificateNumber: string): Promise<ResultView> {
    return decodeJson(await this.ledger.evaluate(role, 'Results:GetResult', certificateNumber)) as ResultView;
  }

  verify(role: Role, certificateNumber: string, documentSha256: string): Promise<unknown> {
    return this.ledger.evaluate(role, 'Results:VerifyResult', certificateNumber, documentSha256).then(decodeJson);
  }

  revoke(role: Role, certificateNumber: string, reason: string): Promise<unknown> {
    return this.ledger.submit(role, 'Results:RevokeResult', { arguments: [certificateNumber, reason] }).then(decodeJson);
  }

  recognise(role: Role, certificateNumber: string, agreementId: string, purpose: string): Promise<unknown> {
    return this.ledger.submit(role, 'Results:RecogniseResult', { arguments: [certificateNumber, agreementId, purpose] }).then(decodeJson);
  }

  recognitions(role: Role, certificateNumber: string): Promise<unknown> {
    return this.ledger.evaluate(role, 'Results:ListRecognitions', certificateNumber).then(decodeJson);
  }
}
