/** ECDSA / RSA / Ed25519 signature checks with a certificate's public key (node:crypto). */
import { verify, type X509Certificate } from 'node:crypto';

export function signatureVerifies(certificate: X509Certificate, signed: Uint8Array, signature: Uint8Array): boolean {
  try {
    const algorithm = certificate.publicKey.asymmetricKeyType === 'ed25519' ? null : 'sha256';
    return verify(algorithm, signed, certificate.publicKey, signature);
  } catch {
    return false;
  }
}
