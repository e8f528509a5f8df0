import { Object as DataType, Property } from 'fabric-contract-api';
import { AgreementStatus } from '../domain';

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
