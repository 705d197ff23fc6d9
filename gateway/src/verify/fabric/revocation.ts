/**
 * Certificate revocation lists from an MSP's config: which serial numbers a CA revoked. A CRL
 * counts only when its signature verifies with the public key of the CA that issued the
 * certificate in question, as Fabric's MSP requires.
 */
import { verify, type X509Certificate } from 'node:crypto';
import { derChildren, readDer, TAG } from '../der';

export interface RevocationList {
  /** The DER bytes the CA signed (tbsCertList). */
  signed: Buffer;
  signature: Buffer;
  /** Revoked serial numbers, uppercase hex without leading zeros (as X509Certificate.serialNumber). */
  revokedSerials: Set<string>;
}

/** A CRL as PEM ("X509 CRL") or DER. Throws when it does not parse. */
export function readRevocationList(bytes: Uint8Array): RevocationList {
  const text = Buffer.from(bytes).toString('latin1');
  const pem = /-----BEGIN X509 CRL-----([\s\S]*?)-----END X509 CRL-----/.exec(text);
  const derBytes = pem ? Buffer.from(pem[1].replace(/\s+/g, ''), 'base64') : Buffer.from(bytes);
  const [tbs, , signatureBits] = derChildren(readDer(derBytes));
  if (!tbs || tbs.tag !== TAG.SEQUENCE || !signatureBits || signatureBits.tag !== TAG.BIT_STRING) throw new Error('not a CRL');
  const fields = derChildren(tbs);
  let i = fields[0]?.tag === TAG.INTEGER ? 1 : 0; // optional version
  i += 3; // signature algorithm, issuer, thisUpdate
  if (fields[i] && (fields[i].tag === TAG.UTC_TIME || fields[i].tag === 0x18)) i++; // optional nextUpdate
  const revoked = fields[i]?.tag === TAG.SEQUENCE ? derChildren(fields[i]) : [];
  return {
    signed: tbs.raw,
    signature: signatureBits.value.subarray(1),
    revokedSerials: new Set(revoked.map((entry) => serialHex(derChildren(entry)[0].value))),
  };
}

/** Whether one of the CRLs, signed by `issuer`, revokes `certificate`. */
export function isRevoked(certificate: X509Certificate, issuer: X509Certificate, lists: RevocationList[]): boolean {
  const serial = normalSerial(certificate.serialNumber);
  return lists.some((list) => list.revokedSerials.has(serial) && signedBy(list, issuer));
}

function signedBy(list: RevocationList, issuer: X509Certificate): boolean {
  try {
    return verify('sha256', list.signed, issuer.publicKey, list.signature);
  } catch {
    return false;
  }
}

function serialHex(content: Buffer): string {
  return normalSerial(content.toString('hex'));
}

function normalSerial(hexText: string): string {
  return hexText.toUpperCase().replace(/^0+(?=.)/, '');
}
