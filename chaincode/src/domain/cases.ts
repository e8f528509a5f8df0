/** What a receiving city sends to open a case or supplement it, and how it is checked. */
import { invalidArgument } from './errors';
import { CASE_STATUSES, CaseStatus } from './lifecycle';
import { asDecimal, asEnum, asInteger, asList, asObject, asString, fieldPath, onlyFields, optional, Payload, requireDistinct } from './readers';
import {
  MANIFEST_RULE,
  MATERIAL_LOCATION_RULE,
  MATERIAL_NAME_RULE,
  MATERIAL_SIZE_RULE,
  MEDIA_TYPE_RULE,
  PAGE_SIZE_RULE,
  readId,
  REASON_RULE,
  SHA256_RULE,
} from './rules';

/** One file of the applicant's materials; the file itself stays off-chain. */
export interface MaterialInput {
  name: string;
  sha256: string;
  size: number;
  mediaType: string;
  location: string;
}

/** A service item named by its owning city and code. */
export interface ItemRef {
  ownerMsp: string;
  code: string;
}

/** The public part of a new case (personal data travels separately). */
export interface CaseInput {
  id: string;
  serviceItem: ItemRef;
  agreementId: string;
  materials: MaterialInput[];
}

export const MATERIAL_FIELDS = ['name', 'sha256', 'size', 'mediaType', 'location'] as const;
export const CASE_FIELDS = ['id', 'serviceItem', 'agreementId', 'materials'] as const;

export function readMaterial(value: unknown, path: string): MaterialInput {
  const payload = asObject(value, path);
  onlyFields(payload, path, MATERIAL_FIELDS);
  return {
    name: asString(payload.name, `${path}.name`, MATERIAL_NAME_RULE),
    sha256: asString(payload.sha256, `${path}.sha256`, SHA256_RULE),
    size: asInteger(payload.size, `${path}.size`, MATERIAL_SIZE_RULE),
    mediaType: asString(payload.mediaType, `${path}.mediaType`, MEDIA_TYPE_RULE),
    location: asString(payload.location, `${path}.location`, MATERIAL_LOCATION_RULE),
  };
}

/** A material manifest (`materials` of the object at `path`): 1 to 100 files with distinct names. */
export function readManifest(payload: Payload, path = ''): MaterialInput[] {
  const field = fieldPath(path, 'materials');
  const materials = asList(payload.materials, field, MANIFEST_RULE, readMaterial);
  requireDistinct(materials, field, 'names', (material) => material.name);
  return materials;
}

/** A service item reference (`{ownerMsp, code}`). */
export function readItemRef(value: unknown, path: string): ItemRef {
  const payload = asObject(value, path);
  onlyFields(payload, path, ['ownerMsp', 'code']);
  return {
    ownerMsp: readId(payload.ownerMsp, `${path}.ownerMsp`),
    code: readId(payload.code, `${path}.code`),
  };
}

/** The public part of a new case; `extraFields` are fields the caller reads itself (the gateway's `applicant`). */
export function readCaseInput(payload: Payload, extraFields: readonly string[] = []): CaseInput {
  onlyFields(payload, '', [...CASE_FIELDS, ...extraFields]);
  return {
    id: readId(payload.id, 'id'),
    serviceItem: readItemRef(payload.serviceItem, 'serviceItem'),
    agreementId: readId(payload.agreementId, 'agreementId'),
    materials: readManifest(payload),
  };
}

/** A supplement: the new manifest. */
export function readSupplement(payload: Payload): MaterialInput[] {
  onlyFields(payload, '', ['materials']);
  return readManifest(payload);
}

export const readCaseId = (value: unknown, path = 'caseId'): string => readId(value, path);
export const readReason = (value: unknown, path = 'reason'): string => asString(value, path, REASON_RULE);

/** A page size written in decimal digits (a query parameter or a chaincode argument). */
export const readPageSize = (value: unknown, path = 'pageSize'): number => asDecimal(value, path, PAGE_SIZE_RULE);

/** The largest code point: Fabric ends the key range of a partial composite key with it. */
export const KEY_RANGE_END = '\u{10FFFF}';

const utf8 = new TextEncoder();

/** Orders two keys as the peer's state database does: by their UTF-8 bytes. */
function compareKeys(left: string, right: string): number {
  const [a, b] = [utf8.encode(left), utf8.encode(right)];
  for (let index = 0; index < Math.min(a.length, b.length); index += 1) {
    if (a[index] !== b[index]) return a[index] - b[index];
  }
  return a.length - b.length;
}

/**
 * A page's bookmark, which must lie in the listing's key range [start, end)
 * ('' is the first page). The peer starts its range scan at the bookmark, and
 * one past the range's end (copied from another listing, or made up) makes
 * Fabric's LevelDB iterator panic and the peer stop: never pass one on.
 */
export function readBookmarkWithin(bookmark: string, range: { start: string; end: string }, path = 'bookmark'): string {
  if (bookmark !== '' && (compareKeys(bookmark, range.start) < 0 || compareKeys(bookmark, range.end) >= 0)) {
    throw invalidArgument(`${path} is not a bookmark of this list: pass the one its previous page gave`);
  }
  return bookmark;
}

/** Which cases a list shows: by receiving city, handling city or both, optionally of one status. */
export interface CaseFilter {
  receivingMsp?: string;
  handlingMsp?: string;
  status?: CaseStatus;
}

/**
 * Reads a case list's filter; absent fields are undefined. Cases are indexed by
 * city, so at least one city is required: a status alone would scan the ledger.
 */
export function readCaseFilter(payload: Payload): CaseFilter {
  const filter: CaseFilter = {
    receivingMsp: optional(payload.receivingMsp, 'receivingMsp', readId),
    handlingMsp: optional(payload.handlingMsp, 'handlingMsp', readId),
    status: optional(payload.status, 'status', (value, path) => asEnum(value, path, CASE_STATUSES)),
  };
  if (filter.receivingMsp === undefined && filter.handlingMsp === undefined) {
    throw invalidArgument('receivingMsp or handlingMsp is required: cases are listed by receiving or handling city');
  }
  return filter;
}
