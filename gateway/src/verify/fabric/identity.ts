/**
 * Who signed: a Fabric serialized identity (MSP id + PEM certificate), as it appears in creators,
 * endorsements and orderer signatures; its certificate parsed once; and signature checks with
 * its public key (ECDSA / RSA / Ed25519, node:crypto).
 */
import { msp } from '@hyperledger/fabric-protos';
import { verify, X509Certificate } from 'node:crypto';
import { BoundedMemo, digestOf } from '../bounded-memo';

export interface SerializedIdentity {
  mspId: string;
  /** PEM text of the X.509 certificate. */
  certificatePem: string;
  /** The serialized bytes, as signed over (endorsements sign payload || these bytes). */
  bytes: Uint8Array;
}

export function readSerializedIdentity(bytes: Uint8Array): SerializedIdentity {
  const identity = msp.SerializedIdentity.deserializeBinary(bytes);
  return {
    mspId: identity.getMspid(),
    certificatePem: Buffer.from(identity.getIdBytes_asU8()).toString('utf8'),
    bytes,
  };
}

/** Parsed X.509 certificates by PEM text: a chain has few distinct certificates, parsed once each. */
const MAX_ENTRIES = 2000;
const parsed = new Map<string, X509Certificate | null>();

export function parseCertificate(pem: string): X509Certificate | null {
  if (parsed.has(pem)) return parsed.get(pem)!;
  let certificate: X509Certificate | null;
  try {
    certificate = new X509Certificate(pem);
  } catch {
    certificate = null;
  }
  if (parsed.size >= MAX_ENTRIES) parsed.delete(parsed.keys().next().value as string);
  parsed.set(pem, certificate);
  return certificate;
}

/**
 * Signatures many bundles share, already checked, by certificate DER, signed bytes and signature:
 * the orderers' signatures on a block (every bundle of a transaction in it) and on config blocks
 * and their updates (every bundle carries the config chain). A transaction's own signatures
 * (creator, endorsers, peers' attestations) are checked each time with signatureVerifies.
 */
const sharedSignatures = new BoundedMemo<boolean>(20_000);

export function sharedSignatureVerifies(certificate: X509Certificate, signed: Uint8Array, signature: Uint8Array): boolean {
  return sharedSignatures.get(digestOf(certificate.raw, signed, signature), () => signatureVerifies(certificate, signed, signature));
}

export function signatureVerifies(certificate: X509Certificate, signed: Uint8Array, signature: Uint8Array): boolean {
  try {
    const algorithm = certificate.publicKey.asymmetricKeyType === 'ed25519' ? null : 'sha256';
    return verify(algorithm, signed, certificate.publicKey, signature);
  } catch {
    return false;
  }
}
