/**
 * A checkpoint: one org's peer's own signed answer on the chain tip — its ProposalResponse to
 * qscc GetChainInfo, whose endorsement signature is the peer's — together with the proposal it
 * answered (so the verifier can check that the answer is about this channel's chain info). No
 * gateway can make one: only a peer's key signs it. An auditor keeps it and later checks that a
 * bundle's chain passes through its tip.
 */
import { common, peer } from '@hyperledger/fabric-protos';
import { fromBase64, hex, sameBytes } from './bytes';
import { parseCertificate, readSerializedIdentity, type SerializedIdentity, signatureVerifies } from './fabric/identity';
import { proposalHashOf } from './fabric/proposal-hash';

export const CHECKPOINT_FORMAT = 'welfare-ledger/checkpoint';
export const CHECKPOINT_VERSION = 2;

export interface PeerCheckpoint {
  format: typeof CHECKPOINT_FORMAT;
  version: typeof CHECKPOINT_VERSION;
  channel: string;
  /** The org whose peer answered. */
  org: string;
  /** The qscc GetChainInfo proposal the peer answered (peer.Proposal, base64). */
  proposal: string;
  /** The peer's signed answer (peer.ProposalResponse, base64). */
  proposalResponse: string;
  /** Informational, not trusted: what the answer says. */
  tip?: { number: number; hash: string };
}

export interface CheckpointReading {
  signer: SerializedIdentity;
  signatureOk: boolean;
  /** When the proposal was made (its channel header timestamp). */
  askedAt: Date | null;
  tip: { number: number; hash: string };
}

/** Decodes a checkpoint and checks that the answer is the peer's to GetChainInfo on `channel`; throws naming what is wrong. */
export function readCheckpoint(checkpoint: PeerCheckpoint, channel: string): CheckpointReading {
  if (checkpoint.format !== CHECKPOINT_FORMAT || checkpoint.version !== CHECKPOINT_VERSION) {
    throw new Error(`not a ${CHECKPOINT_FORMAT} version ${CHECKPOINT_VERSION} document`);
  }
  if (checkpoint.channel !== channel) throw new Error(`the checkpoint is for channel ${checkpoint.channel}, the bundle for ${channel}`);
  const response = peer.ProposalResponse.deserializeBinary(fromBase64(checkpoint.proposalResponse));
  const endorsement = response.getEndorsement();
  if (!endorsement) throw new Error("the checkpoint's answer is not signed");
  const signer = readSerializedIdentity(endorsement.getEndorser_asU8());
  const certificate = parseCertificate(signer.certificatePem);
  const payloadBytes = response.getPayload_asU8();
  const signatureOk = !!certificate && signatureVerifies(certificate, Buffer.concat([payloadBytes, endorsement.getEndorser_asU8()]), endorsement.getSignature_asU8());

  const { hash, proposal } = proposalHashOf(fromBase64(checkpoint.proposal));
  const payload = peer.ProposalResponsePayload.deserializeBinary(payloadBytes);
  if (!sameBytes(payload.getProposalHash_asU8(), hash)) throw new Error('the answer is not to the proposal the checkpoint carries');
  const header = common.Header.deserializeBinary(proposal.getHeader_asU8());
  const channelHeader = common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8());
  const input = peer.ChaincodeInvocationSpec.deserializeBinary(peer.ChaincodeProposalPayload.deserializeBinary(proposal.getPayload_asU8()).getInput_asU8()).getChaincodeSpec();
  const args = (input?.getInput()?.getArgsList_asU8() ?? []).map((a) => Buffer.from(a).toString('utf8'));
  if (channelHeader.getChannelId() !== channel || input?.getChaincodeId()?.getName() !== 'qscc' || args[0] !== 'GetChainInfo' || args[1] !== channel) {
    throw new Error(`the answer is to ${input?.getChaincodeId()?.getName()} ${args[0]} on ${channelHeader.getChannelId()}, not to qscc GetChainInfo on ${channel}`);
  }
  const action = peer.ChaincodeAction.deserializeBinary(payload.getExtension_asU8());
  const answer = action.getResponse();
  if (!answer || answer.getStatus() !== 200) throw new Error(`the peer's answer has status ${answer?.getStatus()}`);
  const info = common.BlockchainInfo.deserializeBinary(answer.getPayload_asU8());
  const timestamp = channelHeader.getTimestamp();
  return {
    signer,
    signatureOk,
    askedAt: timestamp ? new Date(timestamp.getSeconds() * 1000) : null,
    tip: { number: info.getHeight() - 1, hash: hex(info.getCurrentblockhash_asU8()) },
  };
}
