import { dayOf, Verdict } from '@tongban/chaincode/domain';

/** What Results:VerifyResult returns, as far as the public answer reads it. */
export interface LedgerVerification {
  certificateNumber: string;
  verdict: Verdict;
  result?: { issuingMsp: string; issuedAt: string; expiresOn?: string; revokedAt?: string };
}

/**
 * What anyone may learn about a licence: the verdict and, once the presented
 * document is the one issued (any verdict but UNKNOWN and HASH_MISMATCH), who
 * issued it and when. Fields are copied one by one, never spread: the ledger's
 * record also holds the holder's reference, the case, the document's hash and
 * a revocation's reason, none of which a public page may show.
 */
export interface PublicVerdict {
  certificateNumber: string;
  verdict: Verdict;
  issuingMsp?: string;
  /** The issuing city's display name, when this gateway knows it (TONGBAN_CITY_NAMES). */
  issuingCityName?: string;
  issuedOn?: string;
  expiresOn?: string;
  revokedOn?: string;
}

export function publicVerdict(verification: LedgerVerification, cityNames: Record<string, string>): PublicVerdict {
  const { certificateNumber, verdict, result } = verification;
  // A mismatching document learns nothing of the licence it claims to be.
  if (!result || verdict === 'UNKNOWN' || verdict === 'HASH_MISMATCH') return { certificateNumber, verdict };
  return {
    certificateNumber,
    verdict,
    issuingMsp: result.issuingMsp,
    issuingCityName: cityNames[result.issuingMsp],
    issuedOn: dayOf(result.issuedAt),
    expiresOn: result.expiresOn,
    revokedOn: result.revokedAt === undefined ? undefined : dayOf(result.revokedAt),
  };
}
