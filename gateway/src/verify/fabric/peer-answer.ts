/**
 * Reads a peer's signed answer (a ProposalResponse) to qscc GetTransactionByID: who signed it,
 * whether the signature verifies over payload || endorser, and what it says — the transaction
 * envelope and the validation code that peer committed it with.
 */
import { common, peer } from '@hyperledger/fabric-protos';
import { parseCertificate, readSerializedIdentity, type SerializedIdentity, signatureVerifies } from './identity';

export interface PeerAnswer {
  signer: SerializedIdentity;
  signatureOk: boolean;
  validationCode: number;
  envelope: { payload: Uint8Array; signature: Uint8Array };
}

export function readTransactionStatusAnswer(responseBytes: Uint8Array): PeerAnswer {
  const response = peer.ProposalResponse.deserializeBinary(responseBytes);
  const endorsement = response.getEndorsement();
  if (!endorsement) throw new Error('the answer is not signed');
  const signer = readSerializedIdentity(endorsement.getEndorser_asU8());
  const certificate = parseCertificate(signer.certificatePem);
  const payload = response.getPayload_asU8();
  const signatureOk = !!certificate && signatureVerifies(certificate, Buffer.concat([payload, endorsement.getEndorser_asU8()]), endorsement.getSignature_asU8());
  const action = peer.ChaincodeAction.deserializeBinary(peer.ProposalResponsePayload.deserializeBinary(payload).getExtension_asU8());
  const answer = action.getResponse();
  if (!answer || answer.getStatus() !== 200) throw new Error(`the peer's answer has status ${answer?.getStatus()}`);
  const processed = peer.ProcessedTransaction.deserializeBinary(answer.getPayload_asU8());
  const envelope = processed.getTransactionenvelope() ?? new common.Envelope();
  return {
    signer,
    signatureOk,
    validationCode: processed.getValidationcode(),
    envelope: { payload: envelope.getPayload_asU8(), signature: envelope.getSignature_asU8() },
  };
}
