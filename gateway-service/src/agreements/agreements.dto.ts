/** How agreement requests are described in the OpenAPI document; the domain's readers check them. */
import {
  AGREED_ITEMS_RULE,
  AgreementInput,
  ItemRef,
  onlyFields,
  optional,
  PARTIES_RULE,
  Payload,
  readId,
  REASON_RULE,
  TITLE_RULE,
} from '@tongban/chaincode/domain';
import type { ReasonRequest } from '../cases/cases.dto';
import { DateProperty, IdListProperty, IdProperty, ListProperty, StringProperty } from '../common/api-property';

export class AgreedItemDto implements ItemRef {
  @IdProperty('FoshanMSP', { description: 'The city that owns the service item' })
  ownerMsp!: string;

  @IdProperty('FS-FOOD-001')
  code!: string;
}

/** 跨省通办合作协议 as one city's admin proposes it. */
export class ProposeAgreementDto implements AgreementInput {
  @IdProperty('AGR-2026-001')
  id!: string;

  @StringProperty(TITLE_RULE, { example: 'Beijing–Guangdong–Tianjin handle-anywhere agreement' })
  title!: string;

  @IdListProperty(PARTIES_RULE, {
    example: ['HaidianMSP', 'FoshanMSP', 'TianjinMSP'],
    description: 'MSP IDs of the cities it binds, the proposer included',
  })
  parties!: string[];

  @ListProperty(AGREED_ITEMS_RULE, AgreedItemDto)
  serviceItems!: AgreedItemDto[];

  @DateProperty({ example: '2026-01-01', description: 'First day it applies' })
  validFrom!: string;

  @DateProperty({ example: '2027-12-31', description: 'Last day it applies' })
  validUntil!: string;
}

export class TerminateAgreementDto implements ReasonRequest {
  @StringProperty(REASON_RULE, { example: 'Superseded by AGR-2027-001' })
  reason!: string;
}

/** Which agreements a list shows: those of a party (this gateway's city when absent). */
export interface AgreementListQuery {
  party?: string;
}

/** Reads an agreement list's query; an unknown parameter is refused, as on every list. */
export function readAgreementListQuery(query: Payload): AgreementListQuery {
  onlyFields(query, '', ['party']);
  return { party: optional(query.party, 'party', readId) };
}

export class AgreementListQueryDto implements AgreementListQuery {
  @IdProperty('FoshanMSP', { required: false, description: "A party's MSP ID; this gateway's city when omitted" })
  party?: string;
}
