import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { callerOf, requireRole } from '../common/caller';
import { unmarshal } from '../common/codec';
import { KEY_TYPES, keys } from '../common/keys';
import { emitEvent, readRecord, requireEndorsementBy, txTime, writeRecord } from '../common/ledger';
import { parsePayload, readId, readServiceItemInput } from '../domain';
import { ServiceItem } from './service-item';
import { getServiceItem } from './service-item-store';

/** Each city's catalogue of service items (事项) it handles for other cities. */
@Info({ title: 'Catalogue', description: 'Service items published by each city' })
export class CatalogueContract extends Contract {
  constructor() {
    super('Catalogue');
  }

  /**
   * Publishes a new service item of the caller's city, or a new version of one.
   * Only the owning city's admin may; the owner is the caller's MSP.
   */
  @Transaction()
  @Returns('ServiceItem')
  async PublishServiceItem(ctx: Context, itemJson: string): Promise<ServiceItem> {
    const caller = callerOf(ctx);
    requireRole(caller, 'publish a service item', 'admin');
    const input = readServiceItemInput(parsePayload(itemJson, 'item'));
    const key = keys.serviceItem(ctx, caller.mspId, input.code);
    const previous = await readRecord<ServiceItem>(ctx, key);
    const item: ServiceItem = {
      ...input,
      ownerMsp: caller.mspId,
      version: (previous?.version ?? 0) + 1,
      updatedAt: txTime(ctx),
      updatedTxId: ctx.stub.getTxID(),
    };
    await writeRecord(ctx, key, item);
    if (!previous) {
      // From now on the owning city's peers must endorse every change of the item.
      await requireEndorsementBy(ctx, key, [caller.mspId]);
    }
    emitEvent(ctx, 'catalogue.publish', { ownerMsp: item.ownerMsp, code: item.code, version: item.version });
    return item;
  }

  /** A service item by owning city and code. */
  @Transaction(false)
  @Returns('ServiceItem')
  async GetServiceItem(ctx: Context, ownerMsp: string, code: string): Promise<ServiceItem> {
    return getServiceItem(ctx, { ownerMsp: readId(ownerMsp, 'ownerMsp'), code: readId(code, 'code') });
  }

  /** Every service item a city publishes. */
  @Transaction(false)
  @Returns('ServiceItem[]')
  async ListCatalogue(ctx: Context, ownerMsp: string): Promise<ServiceItem[]> {
    const owner = readId(ownerMsp, 'ownerMsp');
    const items: ServiceItem[] = [];
    for await (const entry of ctx.stub.getStateByPartialCompositeKey(KEY_TYPES.serviceItem, [owner])) {
      items.push(unmarshal(entry.value) as ServiceItem);
    }
    return items;
  }
}
