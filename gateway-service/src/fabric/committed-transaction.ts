/**
 * What a transaction returned, read back from the ledger by its id: for a
 * submission whose outcome was not learnt. With SmartBFT, a peer's Gateway
 * sends a transaction to every orderer and reports failure when fewer than a
 * quorum accept it, though one that did accept it may still have it ordered;
 * a submission retried after such a failure can then be refused (the case
 * exists, the step was done) for what the first attempt did itself.
 */
import { common, peer } from '@hyperledger/fabric-protos';

/**
 * The chaincode's answer inside a committed transaction (qscc
 * GetTransactionByID's ProcessedTransaction), or undefined unless it is valid.
 */
export function committedResult(processedTransaction: Uint8Array): Uint8Array | undefined {
  const processed = peer.ProcessedTransaction.deserializeBinary(processedTransaction);
  if (processed.getValidationcode() !== peer.TxValidationCode.VALID) return undefined;
  const envelope = processed.getTransactionenvelope();
  if (!envelope) return undefined;
  const transaction = peer.Transaction.deserializeBinary(common.Payload.deserializeBinary(envelope.getPayload_asU8()).getData_asU8());
  const [action] = transaction.getActionsList();
  const endorsed = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8()).getAction();
  if (!endorsed) return undefined;
  const response = peer.ProposalResponsePayload.deserializeBinary(endorsed.getProposalResponsePayload_asU8());
  return peer.ChaincodeAction.deserializeBinary(response.getExtension_asU8()).getResponse()?.getPayload_asU8();
}
