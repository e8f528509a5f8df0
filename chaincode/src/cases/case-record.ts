import { Object as DataType, Property } from 'fabric-contract-api';
import { invalidArgument } from '../common/errors';
import { asObject, asString, ID_RULE, Payload, readArray, readInteger, readString, StringRule } from '../common/readers';
import { CaseStatus } from './lifecycle';

export const SHA256_RULE: StringRule = { max: 64, pattern: /^[0-9a-f]{64}$/, patternHint: '64 lower-case hex digits (SHA-256)' };
const MEDIA_TYPE_RULE: StringRule = {
  max: 100,
  pattern: /^[a-z]+\/[a-z0-9.+-]+$/,
  patternHint: 'a media type such as application/pdf',
};
export const REASON_RULE: StringRule = { max: 500 };
/** Largest material file a manifest may list: 1 GiB. */
const MAX_MATERIAL_BYTES = 1024 ** 3;

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

/** What a receiving city's clerk sends to open a case (personal data travels separately). */
export interface CaseInput {
  id: string;
  serviceItem: { ownerMsp: string; code: string };
  agreementId: string;
  materials: MaterialEntry[];
}

function readMaterialEntry(value: unknown, path: string): MaterialEntry {
  const payload = asObject(value, path);
  const size = payload.size;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > MAX_MATERIAL_BYTES) {
    throw invalidArgument(`${path}.size must be an integer from 1 to ${MAX_MATERIAL_BYTES}`);
  }
  return {
    name: asString(payload.name, `${path}.name`, { max: 128 }),
    sha256: asString(payload.sha256, `${path}.sha256`, SHA256_RULE),
    size,
    mediaType: asString(payload.mediaType, `${path}.mediaType`, MEDIA_TYPE_RULE),
    location: asString(payload.location, `${path}.location`, { max: 500 }),
  };
}

/** Validates a material manifest: 1 to 100 files with distinct names. */
export function readMaterials(payload: Payload): MaterialEntry[] {
  const materials = readArray(payload, 'materials', 1, 100, readMaterialEntry);
  if (new Set(materials.map((material) => material.name)).size !== materials.length) {
    throw invalidArgument('materials must have distinct names');
  }
  return materials;
}

/** Validates the public part of a new case. */
export function readCaseInput(payload: Payload): CaseInput {
  const item = asObject(payload.serviceItem, 'serviceItem');
  return {
    id: readString(payload, 'id', ID_RULE),
    serviceItem: {
      ownerMsp: asString(item.ownerMsp, 'serviceItem.ownerMsp', ID_RULE),
      code: asString(item.code, 'serviceItem.code', ID_RULE),
    },
    agreementId: readString(payload, 'agreementId', ID_RULE),
    materials: readMaterials(payload),
  };
}

/** A page of cases and the bookmark of the next page ('' after the last). */
@DataType()
export class CasePage {
  @Property('cases', 'CaseRecord[]')
  cases: CaseRecord[] = [];

  @Property('bookmark', 'string')
  bookmark = '';
}

/** Validates a page size argument, passed as a decimal string (1 to 100). */
export function readPageSize(value: string): number {
  return readInteger({ pageSize: /^\d{1,3}$/.test(value) ? Number(value) : value }, 'pageSize', 1, 100);
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
