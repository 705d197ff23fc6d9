/**
 * Public keys and signature checks for the verifier in the page, synchronous like node:crypto's
 * verify: ECDSA on P-256 / P-384 (what Fabric's CAs issue) and Ed25519, with the audited pure-JS
 * @noble/curves and @noble/hashes. RSA keys are refused: a signature by one never verifies here.
 */
import { ed25519 } from '@noble/curves/ed25519';
import { p256, p384 } from '@noble/curves/nist';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2';
import { derChildren, readBitString, readDer, readOid, TAG, type DerElement } from './strict-der';

export type Digest = 'sha256' | 'sha384' | 'sha512';
export type KeyType = 'ec' | 'ed25519';

const DIGESTS: Record<Digest, (data: Uint8Array) => Uint8Array> = { sha256, sha384, sha512 };
const CURVES = { '1.2.840.10045.3.1.7': p256, '1.3.132.0.34': p384 } as const;
const EC_PUBLIC_KEY = '1.2.840.10045.2.1';
const ED25519 = '1.3.101.112';

const SIGNATURE_ALGORITHMS: Record<string, { keyType: KeyType; digest: Digest | null }> = {
  '1.2.840.10045.4.3.2': { keyType: 'ec', digest: 'sha256' },
  '1.2.840.10045.4.3.3': { keyType: 'ec', digest: 'sha384' },
  '1.2.840.10045.4.3.4': { keyType: 'ec', digest: 'sha512' },
  [ED25519]: { keyType: 'ed25519', digest: null },
};

/** Hashes `data` with a digest node:crypto names ('sha256', ...). */
export function digestOf(name: string, data: Uint8Array): Uint8Array {
  const hash = DIGESTS[name.toLowerCase() as Digest];
  if (!hash) throw new Error(`digest ${name} is not supported in the page`);
  return hash(data);
}

/** Signature algorithms OpenSSL knows the key type of, though the page cannot check all of them (SHA-1, SHA-224, SHA-3). */
const SIGNATURE_KEY_TYPES: Record<string, KeyType> = {
  '1.2.840.10045.4.1': 'ec',
  '1.2.840.10045.4.2': 'ec',
  '1.2.840.10045.4.3': 'ec',
  '1.2.840.10045.4.3.1': 'ec',
  '2.16.840.1.101.3.4.3.9': 'ec',
  '2.16.840.1.101.3.4.3.10': 'ec',
  '2.16.840.1.101.3.4.3.11': 'ec',
  '2.16.840.1.101.3.4.3.12': 'ec',
};

/** The key type a signature algorithm needs, as OpenSSL's check that an issuer's key can have made a certificate's signature. */
export function signatureKeyType(algorithmIdentifier: Buffer): KeyType | 'other' {
  const id = readOid(derChildren(readDer(algorithmIdentifier))[0]);
  const keyType = SIGNATURE_ALGORITHMS[id]?.keyType ?? SIGNATURE_KEY_TYPES[id];
  if (!keyType) throw new Error(`signature algorithm ${id} is unknown`);
  return keyType;
}

/** The key type and digest of a certificate's signature AlgorithmIdentifier (raw DER). */
export function signatureAlgorithm(algorithmIdentifier: Buffer): { keyType: KeyType; digest: Digest | null } {
  const id = readOid(derChildren(readDer(algorithmIdentifier))[0]);
  const known = SIGNATURE_ALGORITHMS[id];
  if (!known) throw new Error(`signature algorithm ${id} is not supported in the page`);
  return known;
}

export class PublicKey {
  private constructor(
    readonly asymmetricKeyType: KeyType,
    private readonly point: Uint8Array,
    private readonly curve: (typeof CURVES)[keyof typeof CURVES] | null,
  ) {}

  static fromSubjectPublicKeyInfo(info: DerElement): PublicKey {
    const [algorithm, keyBits] = derChildren(info);
    if (keyBits?.tag !== TAG.BIT_STRING) throw new Error('not a SubjectPublicKeyInfo');
    const [id, parameters] = derChildren(algorithm);
    const point = new Uint8Array(readBitString(keyBits, 'subjectPublicKey'));
    const type = readOid(id);
    if (type === ED25519) return new PublicKey('ed25519', point, null);
    const curve = type === EC_PUBLIC_KEY && parameters?.tag === TAG.OID ? CURVES[readOid(parameters) as keyof typeof CURVES] : undefined;
    if (!curve) throw new Error(`public key type ${type} is not supported in the page`);
    return new PublicKey('ec', uncompressedPoint(curve, point), curve);
  }

  /** As node:crypto's verify(digest, data, key, signature): ECDSA signatures in DER, any S; Ed25519 with no digest. */
  verify(digest: string | null, data: Uint8Array, signature: Uint8Array): boolean {
    if (this.asymmetricKeyType === 'ed25519') {
      if (digest) throw new Error('Ed25519 signs the message itself, not a digest');
      return ed25519.verify(signature, data, this.point);
    }
    if (!digest || !this.curve) throw new Error('ECDSA needs a digest');
    return this.curve.verify(signature, digestOf(digest, data), this.point, { prehash: false, lowS: false, format: 'der' });
  }
}

type Curve = (typeof CURVES)[keyof typeof CURVES];

/** A valid point in the SEC 1 encoding noble reads; the hybrid form (0x06/0x07, which OpenSSL accepts) when its y parity is right. */
function uncompressedPoint(curve: Curve, encoded: Uint8Array): Uint8Array {
  const hybrid = encoded[0] === 0x06 || encoded[0] === 0x07;
  const point = curve.Point.fromBytes(hybrid ? Uint8Array.from([0x04, ...encoded.subarray(1)]) : encoded);
  point.assertValidity();
  if (hybrid && (point.toAffine().y & 1n) !== BigInt(encoded[0] & 1)) throw new Error('hybrid point with the wrong y parity');
  return point.toBytes(false);
}
