/** What a staff member's software sends to have the gateway prepare and forward the messages they sign. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  asList,
  asObject,
  asString,
  ID_RULE,
  invalidArgument,
  onlyFields,
  optional,
  Payload,
  Role,
  ROLES,
  StringRule,
} from '@tongban/chaincode/domain';
import { StringProperty } from '../common/api-property';

/** PEM of the staff member's certificate, as the enrolment answered it. */
export const CERTIFICATE_RULE: StringRule = {
  max: 4096,
  pattern: /^-----BEGIN CERTIFICATE-----\r?\n[A-Za-z0-9+/=\r\n]+-----END CERTIFICATE-----\r?\n?$/,
  patternHint: 'a PEM certificate',
};
/** Contract and transaction, as the chaincode names them: Cases:Receive. */
export const TRANSACTION_NAME_RULE: StringRule = {
  max: 64,
  pattern: /^[A-Z][A-Za-z]*:[A-Z][A-Za-z]*$/,
  patternHint: 'Contract:Transaction, such as Cases:Receive',
};
/**
 * One argument or private input of a transaction (the chaincode reads and
 * limits it): with at most 8 of each, a request stays under the gateway's
 * body limit (256 KiB).
 */
export const ARGUMENT_RULE: StringRule = { min: 0, max: 15_000 };
/** Private inputs of one transaction, at most. */
const MAX_TRANSIENT_ENTRIES = 4;
/** Arguments of one transaction, at most. */
const MAX_ARGUMENTS = 8;
/** A DER ECDSA signature in base64 (at most 72 bytes for P-256). */
export const SIGNATURE_RULE: StringRule = { max: 100, pattern: /^[A-Za-z0-9+/]+={0,2}$/, patternHint: 'base64 of a DER ECDSA signature' };

export interface PrepareRequest {
  certificate: string;
  transaction: string;
  arguments: string[];
  transient?: Record<string, string>;
  endorsingOrganizations?: string[];
}

const readArgument = (value: unknown, path: string) => asString(value, path, ARGUMENT_RULE);

export function readPrepareRequest(body: Payload): PrepareRequest {
  onlyFields(body, '', ['certificate', 'transaction', 'arguments', 'transient', 'endorsingOrganizations']);
  return {
    certificate: asString(body.certificate, 'certificate', CERTIFICATE_RULE),
    transaction: asString(body.transaction, 'transaction', TRANSACTION_NAME_RULE),
    arguments: asList(body.arguments, 'arguments', { min: 0, max: MAX_ARGUMENTS }, readArgument),
    transient: optional(body.transient, 'transient', (value, path) => {
      const entries = Object.entries(asObject(value, path));
      if (entries.length > MAX_TRANSIENT_ENTRIES) throw invalidArgument(`${path} holds at most ${MAX_TRANSIENT_ENTRIES} entries`);
      // Any name: the chaincode reads the ones it knows (applicant) and ignores the rest.
      return Object.fromEntries(entries.map(([name, entry]) => [name, readArgument(entry, `${path}.${name}`)]));
    }),
    endorsingOrganizations: optional(body.endorsingOrganizations, 'endorsingOrganizations', (value, path) =>
      asList(value, path, { min: 1, max: 16 }, (entry, entryPath) => asString(entry, entryPath, ID_RULE)),
    ),
  };
}

export function readSignatureRequest(body: Payload): { signature: Uint8Array } {
  onlyFields(body, '', ['signature']);
  return { signature: Buffer.from(asString(body.signature, 'signature', SIGNATURE_RULE), 'base64') };
}

export class PrepareTransactionDto {
  @StringProperty(CERTIFICATE_RULE, { description: 'The staff member’s certificate (PEM), as their enrolment answered it' })
  certificate!: string;

  @StringProperty(TRANSACTION_NAME_RULE, { example: 'Cases:Receive' })
  transaction!: string;

  @ApiProperty({
    type: 'array',
    items: { type: 'string', maxLength: ARGUMENT_RULE.max },
    maxItems: MAX_ARGUMENTS,
    description: 'The transaction’s arguments',
  })
  arguments!: string[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', maxLength: ARGUMENT_RULE.max },
    maxProperties: MAX_TRANSIENT_ENTRIES,
    description: 'Private inputs (such as the applicant), never on the ledger',
  })
  transient?: Record<string, string>;

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', maxLength: ID_RULE.max, pattern: ID_RULE.pattern?.source },
    minItems: 1,
    maxItems: 16,
    description: 'The organisations whose peers must endorse, such as both cities of a case',
  })
  endorsingOrganizations?: string[];
}

export class SignatureDto {
  @StringProperty(SIGNATURE_RULE, { description: 'base64 of the DER ECDSA signature (low S) over the bytes of toSign' })
  signature!: string;
}

export class ToSignDto {
  @ApiProperty({ description: 'The transaction ID' })
  id!: string;

  @ApiProperty({ description: 'base64 of the bytes to sign next (ECDSA with SHA-256: WebCrypto hashes them)' })
  toSign!: string;

  @ApiPropertyOptional({ description: 'What the transaction answered at its endorsement (UTF-8), after the proposal was signed' })
  result?: string;
}

export class CommittedDto {
  @ApiProperty()
  id!: string;

  @ApiProperty({ description: 'True when the transaction was committed as valid' })
  committed!: boolean;

  @ApiProperty({ example: 'VALID', description: "Fabric's validation code" })
  status!: string;

  @ApiProperty({ description: 'The block it is in' })
  blockNumber!: string;

  @ApiPropertyOptional({ description: 'What the transaction answered (UTF-8)' })
  result?: string;
}

export function readSignInRequest(body: Payload): { certificate: string } {
  onlyFields(body, '', ['certificate']);
  return { certificate: asString(body.certificate, 'certificate', CERTIFICATE_RULE) };
}

export class SignInDto {
  @StringProperty(CERTIFICATE_RULE, { description: 'The staff member’s certificate (PEM), as their enrolment answered it' })
  certificate!: string;
}

export class StaffSessionDto {
  @ApiProperty({ description: 'Bearer token for the API: Authorization: Bearer <token>' })
  token!: string;

  @ApiProperty({ example: 'staff-3f9a1c27e0' })
  staffId!: string;

  @ApiProperty({ enum: ROLES })
  role!: Role;

  @ApiProperty({ example: '王小明' })
  name!: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;
}

export class SignatureNeededDto extends ToSignDto {
  @ApiProperty({ example: 'Cases:Verify', description: 'The chaincode transaction the request built' })
  transaction!: string;

  @ApiProperty({ enum: [true] })
  signatureNeeded!: true;
}
