import { HttpStatus, Injectable } from '@nestjs/common';
import { Role } from '@tongban/chaincode/domain';
import { ApiError } from '../common/api-error';
import { decodeJson, Ledger, Writer } from '../fabric/ledger';
import { PublishServiceItemRequest } from './catalogue.dto';

@Injectable()
export class CatalogueService {
  constructor(private readonly ledger: Ledger) {}

  list(role: Role, ownerMsp: string): Promise<unknown[]> {
    return this.ledger.evaluate(role, 'Catalogue:ListCatalogue', ownerMsp).then((bytes) => decodeJson(bytes) as unknown[]);
  }

  get(role: Role, ownerMsp: string, code: string): Promise<unknown> {
    return this.ledger.evaluate(role, 'Catalogue:GetServiceItem', ownerMsp, code).then(decodeJson);
  }

  /** Publishes an item of this gateway's own city; another city's catalogue is refused here. */
  async publish(writer: Writer, ownerMsp: string, code: string, item: PublishServiceItemRequest): Promise<unknown> {
    if (ownerMsp !== this.ledger.mspId) {
      throw new ApiError(HttpStatus.FORBIDDEN, 'FORBIDDEN', `${this.ledger.mspId} publishes only its own catalogue, not ${ownerMsp}'s`);
    }
    const bytes = await this.ledger.submit(writer, 'Catalogue:PublishServiceItem', {
      arguments: [JSON.stringify({ ...item, code })],
    });
    return decodeJson(bytes);
  }
}
