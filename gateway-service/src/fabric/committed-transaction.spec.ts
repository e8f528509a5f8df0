import { common, peer } from '@hyperledger/fabric-protos';
import { committedResult } from './committed-transaction';

/** A ProcessedTransaction as qscc returns it, whose chaincode answered `answer`. */
function processed(answer: string, validationCode: number): Uint8Array {
  const chaincodeResponse = new peer.Response();
  chaincodeResponse.setStatus(200);
  chaincodeResponse.setPayload(Buffer.from(answer));
  const chaincodeAction = new peer.ChaincodeAction();
  chaincodeAction.setResponse(chaincodeResponse);
  const responsePayload = new peer.ProposalResponsePayload();
  responsePayload.setExtension$(chaincodeAction.serializeBinary());
  const endorsed = new peer.ChaincodeEndorsedAction();
  endorsed.setProposalResponsePayload(responsePayload.serializeBinary());
  const actionPayload = new peer.ChaincodeActionPayload();
  actionPayload.setAction(endorsed);
  const action = new peer.TransactionAction();
  action.setPayload(actionPayload.serializeBinary());
  const transaction = new peer.Transaction();
  transaction.setActionsList([action]);
  const payload = new common.Payload();
  payload.setData(transaction.serializeBinary());
  const envelope = new common.Envelope();
  envelope.setPayload(payload.serializeBinary());
  const result = new peer.ProcessedTransaction();
  result.setTransactionenvelope(envelope);
  result.setValidationcode(validationCode);
  return result.serializeBinary();
}

describe('committedResult', () => {
  it("reads the chaincode's answer out of a valid committed transaction", () => {
    const answer = committedResult(processed('{"id":"HD-1","status":"RECEIVED"}', peer.TxValidationCode.VALID));
    expect(Buffer.from(answer ?? []).toString()).toBe('{"id":"HD-1","status":"RECEIVED"}');
  });

  it('gives nothing for a transaction that was ordered but invalidated', () => {
    expect(committedResult(processed('{}', peer.TxValidationCode.MVCC_READ_CONFLICT))).toBeUndefined();
  });
});
