/** What clients send about results: the readers that check each request, and its OpenAPI description. */
import { onlyFields, Payload, PURPOSE_RULE, readDocumentSha256, readId, readPurpose, SHA256_RULE } from '@tongban/chaincode/domain';
import { IdProperty, StringProperty } from '../common/api-property';
import { IMPORT_FILE_FIELD, IMPORT_FILE_FIELDS } from './import/import-rows';

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
