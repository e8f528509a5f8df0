/** The case's records as the ledger keeps them and clients read them (getMetadata describes them). */
import { Object as DataType, Property } from 'fabric-contract-api';
import { CaseStatus } from '../domain';

/** One file of the applicant's materials; the file itself stays off-chain. */
@DataType()
export class MaterialEntry {
  @Property('name', 'string')
  name = '';

  @Property('sha256', 'string')
  sha256 = '';

  @Property('size', 'number')
  size = 0;

  @Property('mediaType', 'string')
  mediaType = '';

  /** Where the receiving city keeps the file (a URI of its material store). */
  @Property('location', 'string')
  location = '';
}

/** The materials of a case; a supplement records a new version. */
@DataType()
export class Manifest {
  @Property('version', 'number')
  version = 1;

  @Property('materials', 'MaterialEntry[]')
  materials: MaterialEntry[] = [];
}

/** The service item a case is for, with the catalogue version it was received under. */
@DataType()
export class ServiceItemRef {
  @Property('ownerMsp', 'string')
  ownerMsp = '';

  @Property('code', 'string')
  code = '';

  @Property('version', 'number')
  version = 0;
}

/** One step of a case's life: who, what, when, in which transaction. */
@DataType()
export class TimelineEntry {
  @Property('action', 'string')
  action = '';

  @Property('from', 'string')
  from?: string;

  @Property('to', 'string')
  to = '';

  @Property('mspId', 'string')
  mspId = '';

  @Property('role', 'string')
  role = '';

  /** The acting certificate's subject and issuer. */
  @Property('subject', 'string')
  subject = '';

  @Property('at', 'string')
  at = '';

  @Property('txId', 'string')
  txId = '';

  @Property('reason', 'string')
  reason?: string;
}

/** 办件: a case received in one city and handled by another. No personal data. */
@DataType()
export class CaseRecord {
  @Property('id', 'string')
  id = '';

  @Property('serviceItem', 'ServiceItemRef')
  serviceItem: ServiceItemRef = new ServiceItemRef();

  @Property('agreementId', 'string')
  agreementId = '';

  /** 受理地 */
  @Property('receivingMsp', 'string')
  receivingMsp = '';

  /** 办理地: the service item's owner. */
  @Property('handlingMsp', 'string')
  handlingMsp = '';

  /** SHA-256 of salt and ID number: lets the two cities match an applicant, reveals nothing. */
  @Property('applicantRef', 'string')
  applicantRef = '';

  /** SHA-256 of the personal data held in the two cities' private data. */
  @Property('applicantDataHash', 'string')
  applicantDataHash = '';

  @Property('manifest', 'Manifest')
  manifest: Manifest = new Manifest();

  @Property('status', 'string')
  status: CaseStatus = 'RECEIVED';

  @Property('receivedAt', 'string')
  receivedAt = '';

  @Property('acceptedAt', 'string')
  acceptedAt?: string;

  /** Acceptance time plus the item's promised days. */
  @Property('dueAt', 'string')
  dueAt?: string;

  @Property('decidedAt', 'string')
  decidedAt?: string;

  /** Why the case was refused, rejected, sent back for supplement or withdrawn. */
  @Property('reason', 'string')
  reason?: string;

  @Property('certificateNumber', 'string')
  certificateNumber?: string;

  @Property('timeline', 'TimelineEntry[]')
  timeline: TimelineEntry[] = [];

  @Property('updatedAt', 'string')
  updatedAt = '';

  @Property('updatedTxId', 'string')
  updatedTxId = '';
}

/** A page of cases and the bookmark of the next page ('' after the last). */
@DataType()
export class CasePage {
  @Property('cases', 'CaseRecord[]')
  cases: CaseRecord[] = [];

  @Property('bookmark', 'string')
  bookmark = '';
}

/** One committed version of a case, from the ledger's key history. */
@DataType()
export class CaseHistoryEntry {
  @Property('txId', 'string')
  txId = '';

  @Property('timestamp', 'string')
  timestamp = '';

  @Property('isDelete', 'boolean')
  isDelete = false;

  @Property('record', 'CaseRecord')
  record?: CaseRecord;
}

/** The applicant's personal data, as the receiving and the handling city read it from their private data (no salt). */
@DataType()
export class Applicant {
  @Property('name', 'string')
  name = '';

  @Property('idNumber', 'string')
  idNumber = '';

  @Property('phone', 'string')
  phone = '';

  @Property('address', 'string')
  address = '';
}
