import { Injectable } from '@nestjs/common';
import { AgreementInput, Role } from '@tongban/chaincode/domain';
import { decodeJson, Ledger, Writer } from '../fabric/ledger';

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

  propose(writer: Writer, agreement: AgreementInput): Promise<unknown> {
    return this.ledger.submit(writer, 'Agreements:ProposeAgreement', { arguments: [JSON.stringify(agreement)] }).then(decodeJson);
  }

  sign(writer: Writer, id: string): Promise<unknown> {
    return this.ledger.submit(writer, 'Agreements:SignAgreement', { arguments: [id] }).then(decodeJson);
  }

  terminate(writer: Writer, id: string, reason: string): Promise<unknown> {
    return this.ledger.submit(writer, 'Agreements:TerminateAgreement', { arguments: [id, reason] }).then(decodeJson);
  }
}
