import { Injectable } from '@nestjs/common';
import { AgreementInput, Role } from '@tongban/chaincode/domain';
import { decodeJson, Ledger } from '../fabric/ledger';

@Injectable()
export class AgreementsService {
  constructor(private readonly ledger: Ledger) {}

  /** Agreements of a city (by default this gateway's). */
  list(role: Role, party?: string): Promise<unknown[]> {
    return this.ledger.evaluate(role, 'Agreements:ListAgreements', party ?? this.ledger.mspId).then((bytes) => decodeJson(bytes) as unknown[]);
  }

  get(role: Role, id: string): Promise<unknown> {
    return this.ledger.evaluate(role, 'Agreements:GetAgreement', id).then(decodeJson);
  }

  propose(role: Role, agreement: AgreementInput): Promise<unknown> {
    return this.ledger.submit(role, 'Agreements:ProposeAgreement', { arguments: [JSON.stringify(agreement)] }).then(decodeJson);
  }

  sign(role: Role, id: string): Promise<unknown> {
    return this.ledger.submit(role, 'Agreements:SignAgreement', { arguments: [id] }).then(decodeJson);
  }

  terminate(role: Role, id: string, reason: string): Promise<unknown> {
    return this.ledger.submit(role, 'Agreements:TerminateAgreement', { arguments: [id, reason] }).then(decodeJson);
  }
}
