/**
 * What binds an endorsement to one transaction (Fabric's protoutil): the txId is
 * hex(SHA-256(nonce ‖ creator)) of the signature header, and endorsers sign a proposal hash,
 * SHA-256(channel header ‖ signature header ‖ chaincode proposal payload without its transient
 * map). A transaction stitched from another one's endorsements (the crosslinking attack,
 * CVE-2023-46132) fails one of these.
 */
import { common, peer } from '@hyperledger/fabric-protos';
import { createHash } from 'node:crypto';

export function derivedTxId(nonce: Uint8Array, creator: Uint8Array): string {
  return createHash('sha256').update(nonce).update(creator).digest('hex');
}

/** GetProposalHash2: the payload as a transaction carries it (already without the transient map). */
export function proposalHash(channelHeader: Uint8Array, signatureHeader: Uint8Array, chaincodeProposalPayload: Uint8Array): Buffer {
  return createHash('sha256').update(channelHeader).update(signatureHeader).update(chaincodeProposalPayload).digest();
}

/** GetProposalHash1: the hash of a proposal as sent, its transient map removed first. */
export function proposalHashOf(proposalBytes: Uint8Array): { hash: Buffer; proposal: peer.Proposal } {
  const proposal = peer.Proposal.deserializeBinary(proposalBytes);
  const header = common.Header.deserializeBinary(proposal.getHeader_asU8());
  const payload = peer.ChaincodeProposalPayload.deserializeBinary(proposal.getPayload_asU8());
  const withoutTransient = new peer.ChaincodeProposalPayload();
  withoutTransient.setInput(payload.getInput_asU8());
  return { hash: proposalHash(header.getChannelHeader_asU8(), header.getSignatureHeader_asU8(), withoutTransient.serializeBinary()), proposal };
}
