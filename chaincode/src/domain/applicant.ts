/**
 * Applicant personal data (name, ID number, phone, address): it travels as
 * transient data to the receiving and the handling city only, and the public
 * record carries two hashes of it, computed here and nowhere else.
 */
import { createHash, createHmac } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { asObject, asString, onlyFields, StringRule } from './readers';

/** The transient field that carries the applicant's data to the chaincode. */
export const APPLICANT_TRANSIENT_KEY = 'applicant';

export const APPLICANT_RULES = {
  name: { max: 100 },
  idNumber: { min: 6, max: 32, pattern: /^[0-9A-Za-z]+$/, patternHint: 'letters and digits' },
  phone: { min: 5, max: 20, pattern: /^\+?[0-9 -]+$/, patternHint: 'a phone number' },
  address: { max: 300 },
} as const satisfies Record<string, StringRule>;

/** Random per case, chosen by the receiving city: makes the applicant reference unguessable. */
export const SALT_RULE: StringRule = { min: 16, max: 128, pattern: /^[0-9A-Za-z]+$/, patternHint: 'letters and digits' };

/** What a clerk enters about the applicant. */
export interface ApplicantInput {
  name: string;
  idNumber: string;
  phone: string;
  address: string;
}

/** The applicant's data as the two cities keep it: with the salt of its reference. */
export interface ApplicantData extends ApplicantInput {
  salt: string;
}

const APPLICANT_FIELDS = Object.keys(APPLICANT_RULES) as (keyof ApplicantInput)[];

/** Reads the applicant's data at `path`. */
export function readApplicant(value: unknown, path: string): ApplicantInput {
  const payload = asObject(value, path);
  onlyFields(payload, path, APPLICANT_FIELDS);
  return {
    name: asString(payload.name, `${path}.name`, APPLICANT_RULES.name),
    idNumber: asString(payload.idNumber, `${path}.idNumber`, APPLICANT_RULES.idNumber),
    phone: asString(payload.phone, `${path}.phone`, APPLICANT_RULES.phone),
    address: asString(payload.address, `${path}.address`, APPLICANT_RULES.address),
  };
}

/** Reads the applicant's data with its salt, as the chaincode receives it. */
export function readApplicantData(value: unknown, path: string): ApplicantData {
  const payload = asObject(value, path);
  const { salt, ...applicant } = payload;
  return { ...readApplicant(applicant, path), salt: asString(salt, `${path}.salt`, SALT_RULE) };
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The salted reference to the applicant that the public record carries. */
export const applicantRefOf = (salt: string, idNumber: string): string => sha256(`${salt}:${idNumber}`);

/**
 * The salt of the record `recordId` (a case id, or the certificate number of an
 * imported result): an HMAC under the city gateway's secret, so a retry of the
 * same request yields the same reference, and no one without the secret can
 * test a guessed ID number against it. Computed by gateways only.
 */
export const applicantSaltOf = (secret: string, recordId: string): string => createHmac('sha256', secret).update(recordId).digest('hex').slice(0, 32);

/** The hash of the stored personal data, to check a private copy against the public record. */
export const applicantDataHashOf = (data: ApplicantData): string => sha256(canonicalJson(data));
