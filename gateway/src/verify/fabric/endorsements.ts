/**
 * The signatures on a transaction: each endorser's over proposal_response_payload || endorser
 * (its serialized identity), and the creator's over the envelope payload; each with whether
 * the signer's certificate chains to its MSP in the channel config.
 */
import type { ChannelConfig } from './channel-config';
import { parseCertificate, type SerializedIdentity, signatureVerifies } from './identity';
import { checkMembership, type MembershipResult } from './msp-identity';
import type { VerifiedSigner } from './policy';
import type { DecodedTransaction, EndorsedAction } from './transaction';

export interface SignerExamination {
  identity: SerializedIdentity;
  /** The signature verifies with the certificate's public key. */
  signatureOk: boolean;
  membership: MembershipResult;
}

export function examineEndorsements(action: EndorsedAction, config: ChannelConfig, at: Date | null): SignerExamination[] {
  return action.endorsements.map(({ endorser, signature }) =>
    examineSigner(endorser, Buffer.concat([action.proposalResponsePayload, endorser.bytes]), signature, config, at),
  );
}

export function examineCreator(tx: DecodedTransaction, config: ChannelConfig): SignerExamination {
  return examineSigner(tx.creator, tx.payload, tx.creatorSignature, config, tx.timestamp);
}

function examineSigner(identity: SerializedIdentity, signed: Uint8Array, signature: Uint8Array, config: ChannelConfig, at: Date | null): SignerExamination {
  const certificate = parseCertificate(identity.certificatePem);
  return {
    identity,
    signatureOk: !!certificate && signatureVerifies(certificate, signed, signature),
    membership: checkMembership(identity, config, at),
  };
}

/** The signers a policy may count: signature verified and certificate chained to the MSP. */
export function verifiedSigners(examinations: SignerExamination[]): VerifiedSigner[] {
  return examinations.flatMap((e) => (e.signatureOk && e.membership.ok ? [{ identity: e.identity, ous: e.membership.ous }] : []));
}
