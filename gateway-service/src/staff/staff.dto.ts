/** What admins and staff send about staff identities, and what they get back. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { asEnum, asString, ID_RULE, NAME_RULE, onlyFields, optional, Payload, REASON_RULE, Role, ROLES, StringRule } from '@tongban/chaincode/domain';
import { IdProperty, StringProperty } from '../common/api-property';
import { StaffStatus } from './staff-store';

/** A PKCS #10 request in PEM, as a browser's WebCrypto key makes one (certification-request.ts). */
export const CERTIFICATE_REQUEST_RULE: StringRule = {
  max: 4096,
  pattern: /^-----BEGIN CERTIFICATE REQUEST-----\r?\n[A-Za-z0-9+/=\r\n]+-----END CERTIFICATE REQUEST-----\r?\n?$/,
  patternHint: 'a PEM certificate request (PKCS #10)',
};
/** The one-time enrolment secret the CA issued at the invitation. */
export const ENROLMENT_SECRET_RULE: StringRule = { min: 1, max: 256 };

export interface InviteStaffRequest {
  name: string;
  role: Role;
}

export function readInviteStaffRequest(body: Payload): InviteStaffRequest {
  onlyFields(body, '', ['name', 'role']);
  return { name: asString(body.name, 'name', { ...NAME_RULE, min: 1 }), role: asEnum(body.role, 'role', ROLES) };
}

export function readStatusChangeRequest(body: Payload): { reason?: string } {
  onlyFields(body, '', ['reason']);
  return { reason: optional(body.reason, 'reason', (value, path) => asString(value, path, REASON_RULE)) };
}

export interface EnrolmentRequest {
  id: string;
  secret: string;
  certificateRequest: string;
}

export function readEnrolmentRequest(body: Payload): EnrolmentRequest {
  onlyFields(body, '', ['id', 'secret', 'certificateRequest']);
  return {
    id: asString(body.id, 'id', ID_RULE),
    secret: asString(body.secret, 'secret', ENROLMENT_SECRET_RULE),
    certificateRequest: asString(body.certificateRequest, 'certificateRequest', CERTIFICATE_REQUEST_RULE),
  };
}

export class InviteStaffDto {
  @StringProperty({ ...NAME_RULE, min: 1 }, { example: '王小明', description: "The person's name; it stays with this city's gateway" })
  name!: string;

  @ApiProperty({ enum: ROLES, example: 'clerk' })
  role!: Role;
}

export class StatusChangeDto {
  @StringProperty(REASON_RULE, { required: false, example: 'on leave until March' })
  reason?: string;
}

export class StaffMemberDto {
  @IdProperty('staff-3f9a1c27e0', { description: "Enrolment ID at the city's CA, the CN of the certificate: what timelines name" })
  id!: string;

  @ApiProperty({ example: '王小明' })
  name!: string;

  @ApiProperty({ enum: ROLES })
  role!: Role;

  @ApiProperty({ enum: ['INVITED', 'ACTIVE', 'SUSPENDED', 'REVOKED'] })
  status!: StaffStatus;

  @ApiProperty({ description: 'The API key that invited them' })
  invitedBy!: string;

  @ApiProperty({ format: 'date-time' })
  invitedAt!: string;

  @ApiPropertyOptional({ format: 'date-time' })
  enrolledAt?: string;

  @ApiPropertyOptional({ description: 'PEM of their certificate, once enrolled' })
  certificate?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  changedAt?: string;

  @ApiPropertyOptional()
  reason?: string;
}

export class InvitationDto extends StaffMemberDto {
  @ApiProperty({ description: 'One-time secret for the enrolment, shown only here: hand it to the person, not through the API caller' })
  enrolmentSecret!: string;
}

export class EnrolmentDto {
  @IdProperty('staff-3f9a1c27e0')
  id!: string;

  @StringProperty(ENROLMENT_SECRET_RULE, { example: 'kq3…' })
  secret!: string;

  @StringProperty(CERTIFICATE_REQUEST_RULE, { example: '-----BEGIN CERTIFICATE REQUEST-----\n…\n-----END CERTIFICATE REQUEST-----\n' })
  certificateRequest!: string;
}

export class EnrolledDto {
  @ApiProperty()
  id!: string;

  @ApiProperty({ example: 'HaidianMSP' })
  mspId!: string;

  @ApiProperty({ description: "PEM of the certificate the city's CA issued for the key of the request" })
  certificate!: string;
}
