/** Service items on the ledger: the one place that reads them. */
import { Context } from 'fabric-contract-api';
import { keys } from '../common/keys';
import { readExisting } from '../common/ledger';
import { ItemRef } from '../domain';
import { ServiceItem } from './service-item';

/** A published service item, or NOT_FOUND. */
export const getServiceItem = (ctx: Context, item: ItemRef): Promise<ServiceItem> =>
  readExisting<ServiceItem>(ctx, keys.serviceItem(ctx, item.ownerMsp, item.code), `service item ${item.code} of ${item.ownerMsp}`);
