import { ApiProperty } from '@nestjs/swagger';
/** What clients send about results: the readers that check each request, and its OpenAPI description. */
import { onlyFields, Payload, PURPOSE_RULE, readDocumentSha256, readId, readPurpose, SHA256_RULE } from '@tongban/chaincode/domain';
import { IdProperty, StringProperty } from '../common/api-property';
import { IMPORT_FILE_FIELD, IMPORT_FILE_FIELDS, ImportFormat } from './import/import-rows';
import { ImportReport, LISTED_REJECTIONS } from './import/import-tally';

/** A document presented for verification, by its SHA-256. */
export interface VerificationQuery {
  documentSha256: string;
}

export function readVerificationQuery(query: Payload): VerificationQuery {
  onlyFields(query, '', ['documentSha256']);
  return { documentSha256: readDocumentSha256(query.documentSha256) };
}

/** A partner city's recognition of a result (结果互认), under an agreement with the issuing city. */
export interface RecognitionRequest {
  agreementId: string;
  purpose: string;
}

export function readRecognitionRequest(body: Payload): RecognitionRequest {
  onlyFields(body, '', ['agreementId', 'purpose']);
  return { agreementId: readId(body.agreementId, 'agreementId'), purpose: readPurpose(body.purpose) };
}

export class VerifyResultQueryDto implements VerificationQuery {
  @StringProperty(SHA256_RULE, {
    example: '2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae',
    description: 'SHA-256 of the document presented',
  })
  documentSha256!: string;
}

export class RecogniseResultDto implements RecognitionRequest {
  @IdProperty('AGR-2026-001', { description: 'The active agreement that binds this city and the issuing city' })
  agreementId!: string;

  @StringProperty(PURPOSE_RULE, { example: 'Opening a branch in Tianjin' })
  purpose!: string;
}

/** The multipart body of an import: one file, CSV or JSON Lines. */
export const IMPORT_FILE_BODY = {
  schema: {
    type: 'object',
    properties: {
      [IMPORT_FILE_FIELD]: {
        type: 'string',
        format: 'binary',
        description:
          `CSV with a header row naming its columns, or JSON Lines (one object per line), with the fields ${IMPORT_FILE_FIELDS.join(', ')}. ` +
          'expiresOn may be left out (no expiry); dates are YYYY-MM-DD; status is VALID or REVOKED; serviceItemCode is an item of this ' +
          "city's catalogue. holderIdNumber stays in this gateway: the ledger gets a salted holder reference.",
      },
    },
    required: [IMPORT_FILE_FIELD],
  },
};

/** A rejected row of an import. */
export class RejectedRowDto {
  @ApiProperty({ type: 'integer', minimum: 1, example: 42 })
  line!: number;

  @ApiProperty({
    example: 'INVALID_ARGUMENT',
    description: 'MALFORMED_ROW, INVALID_ARGUMENT, NOT_FOUND (service item) or CONFLICT (certificate number taken)',
  })
  code!: string;

  @ApiProperty({ example: 'expiresOn must be a date written YYYY-MM-DD' })
  reason!: string;
}

/** What an import did. */
export class ImportReportDto implements ImportReport {
  @ApiProperty({ description: "The file's SHA-256: the same file sent again changes nothing" })
  fileSha256!: string;

  @ApiProperty({ enum: ['csv', 'jsonl'] })
  format!: ImportFormat;

  @ApiProperty({ type: 'integer' })
  bytes!: number;

  @ApiProperty({ type: 'integer', description: 'Rows read (lines that are not blank, the CSV header aside)' })
  rows!: number;

  @ApiProperty({ type: 'integer' })
  created!: number;

  @ApiProperty({ type: 'integer', description: 'Rows already on the ledger as this import records them' })
  unchanged!: number;

  @ApiProperty({ type: 'integer' })
  rejected!: number;

  @ApiProperty({ type: [RejectedRowDto], description: `The first ${LISTED_REJECTIONS} rejected rows, by line` })
  rejections!: RejectedRowDto[];

  @ApiProperty({ type: 'integer' })
  batches!: number;

  @ApiProperty({ type: 'integer' })
  committedBatches!: number;

  @ApiProperty({ description: 'False when the import changed nothing on the ledger' })
  changed!: boolean;

  @ApiProperty()
  message!: string;
}
