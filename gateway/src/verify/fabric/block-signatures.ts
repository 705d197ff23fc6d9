/**
 * The orderers' signatures on a block (block metadata SIGNATURES), as Fabric 2.5 writes and
 * checks them (orderer BlockWriter, protoutil.BlockSignatureVerifier): the metadata value is an
 * OrdererBlockMetadata (with the LastConfig index), and each MetadataSignature signs
 * value ‖ its signature header ‖ the block header's DER bytes. The signers must satisfy
 * /Channel/Orderer/BlockValidation of the config in effect; the verifier also requires each
 * counted signer to be an orderer node (NodeOU orderer) of an orderer org, not merely a member.
 */
import { common, msp } from '@hyperledger/fabric-protos';
import { blockHeaderBytes, type BlockHeaderFields } from '../block-hash';
import { BLOCK_VALIDATION_POLICY, type ChannelConfig } from './channel-config';
import { parseCertificate, readSerializedIdentity, type SerializedIdentity, sharedSignatureVerifies } from './identity';
import { checkMembership, holdsRole } from './msp-identity';
import { evaluatePolicy, type PolicyOutcome, type VerifiedSigner } from './policy';

export interface BlockSignatureVerdict {
  /** The config block in effect, as the orderers signed it. */
  lastConfig: number;
  outcome: PolicyOutcome;
  /** Why a signature was not counted, one line per signature. */
  rejected: string[];
  counted: string[];
}

/** Reads the SIGNATURES metadata (common.Metadata bytes) of the block with `header`, and judges it under `config`. */
export function judgeBlockSignatures(signaturesMetadata: Uint8Array, header: BlockHeaderFields, config: ChannelConfig): BlockSignatureVerdict {
  const metadata = common.Metadata.deserializeBinary(signaturesMetadata);
  const value = metadata.getValue_asU8();
  const lastConfig = common.OrdererBlockMetadata.deserializeBinary(value).getLastConfig()?.getIndex() ?? -1;
  const headerBytes = blockHeaderBytes(header);
  const rejected: string[] = [];
  const signers: VerifiedSigner[] = [];
  for (const entry of metadata.getSignaturesList()) {
    const signatureHeader = entry.getSignatureHeader_asU8();
    let signer: SerializedIdentity;
    try {
      signer = readSerializedIdentity(common.SignatureHeader.deserializeBinary(signatureHeader).getCreator_asU8());
    } catch {
      rejected.push('a signature without a readable signer');
      continue;
    }
    const certificate = parseCertificate(signer.certificatePem);
    const signed = Buffer.concat([value, signatureHeader, headerBytes]);
    if (!certificate || !sharedSignatureVerifies(certificate, signed, entry.getSignature_asU8())) {
      rejected.push(`the signature of a ${signer.mspId} identity does not verify over the block`);
      continue;
    }
    const membership = checkMembership(signer, config, null);
    if (!membership.ok) {
      rejected.push(membership.reason);
      continue;
    }
    const isOrdererNode = config.ordererOrgs.some((org) => org.mspId === signer.mspId) &&
      holdsRole(signer, membership, signer.mspId, msp.MSPRole.MSPRoleType.ORDERER, config);
    if (!isOrdererNode) {
      rejected.push(`"${certificate.subject.split('\n').join(', ')}" of ${signer.mspId} is not an orderer node`);
      continue;
    }
    signers.push({ identity: signer, ous: membership.ous });
  }
  return {
    lastConfig,
    outcome: evaluatePolicy(BLOCK_VALIDATION_POLICY, config, signers),
    rejected,
    counted: signers.map((s) => s.identity.mspId),
  };
}
