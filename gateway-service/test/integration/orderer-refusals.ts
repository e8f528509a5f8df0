/** How the ordering service refuses a transaction, as each kind of ordering service reports it. */
import { status } from '@grpc/grpc-js';
import type { SubmitError } from '@hyperledger/fabric-gateway';

/** An orderer's refusal of an envelope whose signer is none of the channel's Writers. */
const WRITERS_REFUSAL =
  "received unsuccessful response from orderer: status=FORBIDDEN, info=implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 of the 'Writers' sub-policies to be satisfied: permission denied";

/**
 * Expects `error` to be the ordering service's refusal of an envelope signed by
 * no Writer of the channel: Raft's leader answers FORBIDDEN (ABORTED at the
 * client); with SmartBFT the gateway sends to every orderer and reports each
 * one's refusal, too many for a quorum (UNAVAILABLE).
 */
export function expectRefusedAsNoWriter(error: unknown, ordererType: string): void {
  const refusal = error as SubmitError;
  if (ordererType === 'bft') {
    expect(refusal).toMatchObject({ name: 'SubmitError', code: status.UNAVAILABLE });
    expect(new Set(refusal.details.map((detail) => detail.message))).toEqual(new Set([WRITERS_REFUSAL]));
  } else {
    expect(refusal).toMatchObject({ name: 'SubmitError', code: status.ABORTED });
    expect(refusal.message).toContain(WRITERS_REFUSAL);
  }
}
