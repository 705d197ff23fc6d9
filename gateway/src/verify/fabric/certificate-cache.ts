/** Parsed X.509 certificates by PEM text: a chain has few distinct certificates, parsed once each. */
import { X509Certificate } from 'node:crypto';

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
