/** Cooperation agreements (跨省通办合作协议): what is proposed, and when one binds two cities. */
import { invalidArgument } from './errors';
import { ItemRef, readItemRef } from './cases';
import { asDate, asList, asString, onlyFields, Payload, requireDistinct } from './readers';
import { AGREED_ITEMS_RULE, PARTIES_RULE, readId, TITLE_RULE } from './rules';

export const AGREEMENT_STATUSES = ['PROPOSED', 'ACTIVE', 'TERMINATED'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/** What one city's admin proposes. */
export interface AgreementInput {
  id: string;
  title: string;
  /** MSP IDs of the cities bound by the agreement, sorted. */
  parties: string[];
  serviceItems: ItemRef[];
  /** First and last calendar day (YYYY-MM-DD, inclusive) the agreement applies. */
  validFrom: string;
  validUntil: string;
}

/** The fields of an agreement the rules below read. */
export interface AgreementTerms {
  status: AgreementStatus;
  parties: readonly string[];
  serviceItems: readonly ItemRef[];
  validFrom: string;
  validUntil: string;
}

export const AGREEMENT_FIELDS = ['id', 'title', 'parties', 'serviceItems', 'validFrom', 'validUntil'] as const;

/** Validates a proposal: 2 to 20 distinct parties, items owned by parties, a sound period. */
export function readAgreementInput(payload: Payload): AgreementInput {
  onlyFields(payload, '', AGREEMENT_FIELDS);
  const id = readId(payload.id, 'id');
  const title = asString(payload.title, 'title', TITLE_RULE);
  const parties = asList(payload.parties, 'parties', PARTIES_RULE, readId);
  requireDistinct(parties, 'parties', 'cities', (party) => party);
  const serviceItems = asList(payload.serviceItems, 'serviceItems', AGREED_ITEMS_RULE, readItemRef);
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
  return { id, title, parties: [...parties].sort(), serviceItems, validFrom, validUntil };
}

/** True when the agreement is active and `day` is within its period. */
export const isInForce = (agreement: AgreementTerms, day: string): boolean =>
  agreement.status === 'ACTIVE' && agreement.validFrom <= day && day <= agreement.validUntil;

/** True when the agreement is in force on `day` and binds every one of `cities`. */
export const bindsOn = (agreement: AgreementTerms, day: string, ...cities: string[]): boolean =>
  isInForce(agreement, day) && cities.every((city) => agreement.parties.includes(city));

/** True when the agreement binds both cities of a case for the item on `day`. */
export const coversCase = (agreement: AgreementTerms, day: string, item: ItemRef, receivingMsp: string): boolean =>
  bindsOn(agreement, day, receivingMsp, item.ownerMsp) &&
  agreement.serviceItems.some((covered) => covered.ownerMsp === item.ownerMsp && covered.code === item.code);
