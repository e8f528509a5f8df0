import { Object as DataType, Property } from 'fabric-contract-api';
import { asDate } from '../common/dates';
import { invalidArgument } from '../common/errors';
import { asObject, asString, ID_RULE, Payload, readArray, readString } from '../common/readers';

export const AGREEMENT_STATUSES = ['PROPOSED', 'ACTIVE', 'TERMINATED'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/** A service item an agreement covers, named by its owning city and code. */
@DataType()
export class AgreedItem {
  @Property('ownerMsp', 'string')
  ownerMsp = '';

  @Property('code', 'string')
  code = '';
}

/** One city admin's signature on an agreement. */
@DataType()
export class AgreementSignature {
  @Property('mspId', 'string')
  mspId = '';

  @Property('subject', 'string')
  subject = '';

  @Property('signedAt', 'string')
  signedAt = '';

  @Property('txId', 'string')
  txId = '';
}

/** 跨省通办合作协议: cities that handle listed service items for each other. */
@DataType()
export class Agreement {
  @Property('id', 'string')
  id = '';

  @Property('title', 'string')
  title = '';

  /** MSP IDs of the cities bound by the agreement, sorted. */
  @Property('parties', 'string[]')
  parties: string[] = [];

  @Property('serviceItems', 'AgreedItem[]')
  serviceItems: AgreedItem[] = [];

  /** First and last calendar day (YYYY-MM-DD, inclusive) the agreement applies. */
  @Property('validFrom', 'string')
  validFrom = '';

  @Property('validUntil', 'string')
  validUntil = '';

  @Property('status', 'string')
  status: AgreementStatus = 'PROPOSED';

  @Property('proposedBy', 'string')
  proposedBy = '';

  @Property('signatures', 'AgreementSignature[]')
  signatures: AgreementSignature[] = [];

  @Property('terminatedBy', 'string')
  terminatedBy?: string;

  @Property('terminationReason', 'string')
  terminationReason?: string;

  @Property('updatedAt', 'string')
  updatedAt = '';

  @Property('updatedTxId', 'string')
  updatedTxId = '';
}

export type AgreementInput = Pick<Agreement, 'id' | 'title' | 'parties' | 'serviceItems' | 'validFrom' | 'validUntil'>;

function readAgreedItem(value: unknown, path: string): AgreedItem {
  const payload = asObject(value, path);
  return {
    ownerMsp: asString(payload.ownerMsp, `${path}.ownerMsp`, ID_RULE),
    code: asString(payload.code, `${path}.code`, ID_RULE),
  };
}

/** Validates a proposal: 2 to 20 distinct parties, items owned by parties, a sound period. */
export function readAgreementInput(payload: Payload): AgreementInput {
  const parties = readArray(payload, 'parties', 2, 20, (value, path) => asString(value, path, ID_RULE));
  if (new Set(parties).size !== parties.length) {
    throw invalidArgument('parties must be distinct');
  }
  const serviceItems = readArray(payload, 'serviceItems', 1, 200, readAgreedItem);
  for (const [index, item] of serviceItems.entries()) {
    if (!parties.includes(item.ownerMsp)) {
      throw invalidArgument(`serviceItems[${index}].ownerMsp ${item.ownerMsp} is not one of the parties`);
    }
  }
  const validFrom = asDate(payload.validFrom, 'validFrom');
  const validUntil = asDate(payload.validUntil, 'validUntil');
  if (validUntil < validFrom) {
    throw invalidArgument('validUntil must not be before validFrom');
  }
  return {
    id: readString(payload, 'id', ID_RULE),
    title: readString(payload, 'title', { max: 200 }),
    parties: [...parties].sort(),
    serviceItems,
    validFrom,
    validUntil,
  };
}

/** True when the agreement is in force on `day` and binds both cities for the item. */
export function coversCase(agreement: Agreement, day: string, item: AgreedItem, receivingMsp: string): boolean {
  return (
    agreement.status === 'ACTIVE' &&
    agreement.validFrom <= day &&
    day <= agreement.validUntil &&
    agreement.parties.includes(receivingMsp) &&
    agreement.parties.includes(item.ownerMsp) &&
    agreement.serviceItems.some((covered) => covered.ownerMsp === item.ownerMsp && covered.code === item.code)
  );
}
