/**
 * What clients send about cases: the domain readers that check each request,
 * and the classes that describe it in the OpenAPI document.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  APPLICANT_RULES,
  ApplicantInput,
  asString,
  BOOKMARK_RULE,
  CASE_STATUSES,
  CaseInput,
  CaseStatus,
  DEFAULT_PAGE_SIZE,
  MANIFEST_RULE,
  MATERIAL_LOCATION_RULE,
  MATERIAL_NAME_RULE,
  MATERIAL_SIZE_RULE,
  MaterialInput,
  MEDIA_TYPE_RULE,
  onlyFields,
  optional,
  PAGE_SIZE_RULE,
  Payload,
  readApplicant,
  readCaseInput,
  readCaseFilter,
  readPageSize,
  readReason,
  REASON_RULE,
  ResultInput,
  SHA256_RULE,
} from '@tongban/chaincode/domain';
import { AgreedItemDto } from '../agreements/agreements.dto';
import { DateProperty, IdProperty, IntegerProperty, ListProperty, StringProperty } from '../common/api-property';

/** A new case as the receiving city's clerk sends it: the public part and the applicant's personal data. */
export interface ReceiveCaseRequest extends CaseInput {
  applicant: ApplicantInput;
}

/** Reads a new case: the public part as the chaincode reads it, then the applicant. */
export const readReceiveCaseRequest = (body: Payload): ReceiveCaseRequest => ({
  ...readCaseInput(body, ['applicant']),
  applicant: readApplicant(body.applicant, 'applicant'),
});

/** Why a case (or result, or agreement) is refused, rejected, sent back, withdrawn, revoked or ended. */
export interface ReasonRequest {
  reason: string;
}

/** Reads a body holding only a reason. */
export function readReasonRequest(body: Payload): ReasonRequest {
  onlyFields(body, '', ['reason']);
  return { reason: readReason(body.reason) };
}

/** A page of a list: its size and the bookmark of the previous page ('' for the first). */
export interface PageQuery {
  pageSize: number;
  bookmark: string;
}

const PAGE_FIELDS = ['pageSize', 'bookmark'];

const readPage = (query: Payload): PageQuery => ({
  pageSize: optional(query.pageSize, 'pageSize', readPageSize) ?? DEFAULT_PAGE_SIZE,
  bookmark: optional(query.bookmark, 'bookmark', (value, path) => asString(value, path, BOOKMARK_RULE)) ?? '',
});

/** Reads a page query: DEFAULT_PAGE_SIZE records from the first page unless told otherwise. */
export function readPageQuery(query: Payload): PageQuery {
  onlyFields(query, '', PAGE_FIELDS);
  return readPage(query);
}

/** What CountCases answers: receiving city → handling city → status → number of cases. */
export const CASE_COUNTS_SCHEMA = {
  type: 'object',
  additionalProperties: {
    type: 'object',
    additionalProperties: { type: 'object', additionalProperties: { type: 'integer', minimum: 1 } },
  },
  example: { HaidianMSP: { FoshanMSP: { ACCEPTED: 3, DELIVERED: 12 } } },
} as const;

/** A page of cases by receiving city, handling city and status. */
export interface CaseListQuery extends PageQuery {
  receivingMsp?: string;
  handlingMsp?: string;
  status?: CaseStatus;
}

/** Reads a case list query; the chaincode requires a receiving or a handling city. */
export function readCaseListQuery(query: Payload): CaseListQuery {
  onlyFields(query, '', [...PAGE_FIELDS, 'receivingMsp', 'handlingMsp', 'status']);
  return {
    ...readPage(query),
    ...readCaseFilter(query),
  };
}

/** One file of the applicant's materials: the file stays in the receiving city's store. */
export class MaterialDto implements MaterialInput {
  @StringProperty(MATERIAL_NAME_RULE, { example: 'Application form' })
  name!: string;

  @StringProperty(SHA256_RULE, { example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' })
  sha256!: string;

  @IntegerProperty(MATERIAL_SIZE_RULE, { example: 48213, description: 'Bytes' })
  size!: number;

  @StringProperty(MEDIA_TYPE_RULE, { example: 'application/pdf' })
  mediaType!: string;

  @StringProperty(MATERIAL_LOCATION_RULE, { example: 'tongban-material://HaidianMSP/9f86d081...' })
  location!: string;
}

/** Personal data of the applicant: sent to the ledger as transient data only. */
export class ApplicantDto implements ApplicantInput {
  @StringProperty(APPLICANT_RULES.name, { example: '张三' })
  name!: string;

  @StringProperty(APPLICANT_RULES.idNumber, { example: '110101199003071234', description: 'ID number (never stored on the public ledger)' })
  idNumber!: string;

  @StringProperty(APPLICANT_RULES.phone, { example: '13800000000' })
  phone!: string;

  @StringProperty(APPLICANT_RULES.address, { example: '北京市海淀区中关村大街1号' })
  address!: string;
}

export class ReceiveCaseDto implements ReceiveCaseRequest {
  @IdProperty('HD-2026-000123', { description: 'Given by the receiving city; a retry with the same id never creates a second case' })
  id!: string;

  @ApiProperty({ type: AgreedItemDto })
  serviceItem!: AgreedItemDto;

  @IdProperty('AGR-2026-001')
  agreementId!: string;

  @ListProperty(MANIFEST_RULE, MaterialDto)
  materials!: MaterialDto[];

  @ApiProperty({ type: ApplicantDto })
  applicant!: ApplicantDto;
}

export class ReasonDto implements ReasonRequest {
  @StringProperty(REASON_RULE, { example: 'Floor plan is illegible' })
  reason!: string;
}

export class SupplementDto {
  @ListProperty(MANIFEST_RULE, MaterialDto)
  materials!: MaterialDto[];
}

export class IssueResultDto implements ResultInput {
  @IdProperty('JY44060420260001', { description: 'Certificate number' })
  certificateNumber!: string;

  @StringProperty(SHA256_RULE, {
    example: '2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae',
    description: 'SHA-256 of the issued document',
  })
  documentSha256!: string;

  @DateProperty({ required: false, example: '2031-12-31', description: 'Last valid day; omit if it does not expire' })
  expiresOn?: string;
}

export class PageQueryDto implements PageQuery {
  @IntegerProperty(PAGE_SIZE_RULE, { required: false, example: DEFAULT_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  pageSize!: number;

  @StringProperty(BOOKMARK_RULE, { required: false, description: 'The bookmark of the previous page' })
  bookmark!: string;
}

export class ListCasesQueryDto extends PageQueryDto implements CaseListQuery {
  @IdProperty('HaidianMSP', { required: false, description: 'The receiving city; this or handlingMsp (or both) is required' })
  receivingMsp?: string;

  @IdProperty('FoshanMSP', { required: false, description: 'The handling city; this or receivingMsp (or both) is required' })
  handlingMsp?: string;

  @ApiPropertyOptional({ enum: CASE_STATUSES, enumName: 'CaseStatus' })
  status?: CaseStatus;
}
