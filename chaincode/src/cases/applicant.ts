/**
 * Applicant personal data on the ledger: received as transient data only,
 * kept in the private data collection of the case's two cities (see the
 * domain's collections), and represented on the public record by its hashes.
 */
import { Context } from 'fabric-contract-api';
import { marshal, unmarshal } from '../common/codec';
import { APPLICANT_TRANSIENT_KEY, ApplicantData, invalidArgument, pairCollection, parsePayload, readApplicantData } from '../domain';

/** Reads and validates the applicant data from the proposal's transient map. */
export function readApplicantTransient(ctx: Context): ApplicantData {
  const bytes = ctx.stub.getTransient().get(APPLICANT_TRANSIENT_KEY);
  if (!bytes || bytes.length === 0) {
    throw invalidArgument(`transient field ${APPLICANT_TRANSIENT_KEY} with the applicant's personal data is required`);
  }
  const payload = parsePayload(Buffer.from(bytes).toString('utf8'), `transient field ${APPLICANT_TRANSIENT_KEY}`);
  return readApplicantData(payload, APPLICANT_TRANSIENT_KEY);
}

/** Stores the data in the two cities' collection, under the case id. */
export async function storeApplicantData(ctx: Context, caseId: string, data: ApplicantData, mspIds: readonly [string, string]): Promise<void> {
  await ctx.stub.putPrivateData(pairCollection(mspIds), caseId, marshal(data));
}

/** Reads the data from the two cities' collection (only their peers hold it). */
export async function loadApplicantData(ctx: Context, caseId: string, mspIds: readonly [string, string]): Promise<ApplicantData | undefined> {
  const bytes = await ctx.stub.getPrivateData(pairCollection(mspIds), caseId);
  return bytes.length > 0 ? (unmarshal(bytes) as ApplicantData) : undefined;
}
