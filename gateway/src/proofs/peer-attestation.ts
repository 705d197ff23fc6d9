/**
 * A peer's signed answer: a qscc query sent straight to one org's peer (Endorser.ProcessProposal),
 * keeping the whole ProposalResponse — the answer and the peer's signature over it — rather
 * than only the answer as fabric-gateway's evaluate returns. A peer signs what it answers with
 * its own identity, so a bundle can carry each org's peer's word on a transaction's validation
 * code, and a checkpoint its word on the chain tip; the verifier need not trust the gateway.
 * The answer is kept exactly as the peer sent it, or (answerCopy 'drop') without the unsigned
 * copy of its result.
 */
import * as grpc from '@grpc/grpc-js';
import type { Contract, Signer } from '@hyperledger/fabric-gateway';
import { gateway, peer } from '@hyperledger/fabric-protos';

const PROCESS_PROPOSAL = '/protos.Endorser/ProcessProposal';

export async function signedPeerAnswer(
  client: grpc.Client,
  qscc: Contract,
  signer: Signer,
  fn: string,
  args: string[],
  deadlineMs: number,
  answerCopy: 'keep' | 'drop' = 'keep',
): Promise<{ proposal: Uint8Array; response: Uint8Array }> {
  const proposal = qscc.newProposal(fn, { arguments: args });
  const signed = gateway.ProposedTransaction.deserializeBinary(proposal.getBytes()).getProposal();
  if (!signed) throw new Error('fabric-gateway built no proposal');
  signed.setSignature(await signer(proposal.getDigest()));
  // The peer's answer exactly as it came (not decoded and encoded again: an answer can be megabytes).
  const { bytes, response } = await new Promise<{ bytes: Buffer; response: peer.ProposalResponse }>((resolve, reject) =>
    client.makeUnaryRequest(
      PROCESS_PROPOSAL,
      (message: peer.SignedProposal) => Buffer.from(message.serializeBinary()),
      (answer: Buffer) => ({ bytes: answer, response: peer.ProposalResponse.deserializeBinary(answer) }),
      signed,
      { deadline: Date.now() + deadlineMs },
      (err, value) => (err || !value ? reject(err ?? new Error('no response')) : resolve(value)),
    ),
  );
  const status = response.getResponse()?.getStatus() ?? 0;
  if (status !== 200) throw new Error(`the peer answered ${fn} with status ${status}: ${response.getResponse()?.getMessage()}`);
  if (answerCopy === 'keep') return { proposal: signed.getProposalBytes_asU8(), response: bytes };
  return { proposal: signed.getProposalBytes_asU8(), response: withoutUnsignedCopy(response) };
}

/**
 * A ProposalResponse carries the answer twice: in `response.payload`, not signed, and inside
 * `payload` (ProposalResponsePayload → ChaincodeAction → response), which the peer's signature
 * covers and the verifier reads. For GetTransactionByID the answer is the whole envelope (1.5 MB
 * for an anchor of 1,000 access events), so the unsigned copy is dropped: status and message
 * stay, every signed byte is unchanged.
 */
function withoutUnsignedCopy(response: peer.ProposalResponse): Uint8Array {
  response.getResponse()?.setPayload(new Uint8Array());
  return response.serializeBinary();
}
