/**
 * Applicant personal data: received as transient data only, kept in the
 * private data collection of the case's two cities (the receiving and the
 * handling city; network/collections/city-pairs.jq defines one per pair of cities),
 * and represented on the public ledger by hashes alone.
 */
import { createHash } from 'node:crypto';
import { Context } from 'fabric-contract-api';
import { marshal, unmarshal } from '../common/codec';
import { invalidArgument } from '../common/errors';
import { parsePayload, readString } from '../common/readers';

/** The transient field that carries the applicant's data. */
export const APPLICANT_TRANSIENT_KEY = 'applicant';

export interface ApplicantData {
  name: string;
  idNumber: string;
  phone: string;
  address: string;
  /** Random per case, chosen by the receiving city; makes applicantRef unguessable. */
  salt: string;
}

/** The private data collection two cities share, whichever is named first. */
export const pairCollection = (mspIds: readonly [string, string]): string => `pair_${[...mspIds].sort().join('_')}`;

const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

/** Reads and validates the applicant data from the proposal's transient map. */
export function readApplicantTransient(ctx: Context): ApplicantData {
  const bytes = ctx.stub.getTransient().get(APPLICANT_TRANSIENT_KEY);
  if (!bytes || bytes.length === 0) {
    throw invalidArgument(`transient field ${APPLICANT_TRANSIENT_KEY} with the applicant's personal data is required`);
  }
  const payload = parsePayload(Buffer.from(bytes).toString('utf8'), `transient ${APPLICANT_TRANSIENT_KEY}`);
  return {
    name: readString(payload, 'name', { max: 100 }),
    idNumber: readString(payload, 'idNumber', { min: 6, max: 32, pattern: /^[0-9A-Za-z]+$/, patternHint: 'letters and digits' }),
    phone: readString(payload, 'phone', { min: 5, max: 20, pattern: /^\+?[0-9 -]+$/, patternHint: 'a phone number' }),
    address: readString(payload, 'address', { max: 300 }),
    salt: readString(payload, 'salt', { min: 16, max: 128, pattern: /^[0-9A-Za-z]+$/, patternHint: 'letters and digits' }),
  };
}

/** The salted reference to the applicant that the public record carries. */
export const applicantRefOf = (data: ApplicantData): string => sha256(`${data.salt}:${data.idNumber}`);

/** The hash of the stored personal data, to check a private copy against the public record. */
export const applicantDataHashOf = (data: ApplicantData): string => sha256(marshal(data));

/** Stores the data in the two cities' collection, under the case id. */
export async function storeApplicantData(ctx: Context, caseId: string, data: ApplicantData, mspIds: readonly [string, string]): Promise<void> {
  await ctx.stub.putPrivateData(pairCollection(mspIds), caseId, marshal(data));
}

/** Reads the data from the two cities' collection (only their peers hold it). */
export async function readApplicantData(ctx: Context, caseId: string, mspIds: readonly [string, string]): Promise<ApplicantData | undefined> {
  const bytes = await ctx.stub.getPrivateData(pairCollection(mspIds), caseId);
  return bytes && bytes.length > 0 ? unmarshal<ApplicantData>(bytes) : undefined;
}
