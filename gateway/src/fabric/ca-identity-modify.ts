/**
 * Gives an identity already registered at the org's Fabric CA a new enrollment secret and new
 * attributes (what `fabric-ca-client identity modify` does), over the CA's REST API.
 * fabric-ca-client takes that secret only on its command line, which `ps` shows to every user of
 * the machine; here it travels in the body of a TLS request. The request is authorised as
 * fabric-ca-client authorises it: a token of the registrar's certificate and its ECDSA signature
 * (low S, as Fabric's BCCSP requires) over `<method>.<base64 URI>.<base64 body>.<base64 certificate>`.
 */
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import type { CaConnection, IdentityFiles } from '../config';
import { signingIdentityOf } from './native-signer';

export interface CaAttribute {
  name: string;
  value: string;
  /** Written into enrollment certificates. */
  ecert: boolean;
}

export interface IdentityChange {
  secret: string;
  attrs: CaAttribute[];
}

/** The `authorization` header fabric-ca-server accepts from an enrolled identity for this request. */
export async function identityToken(certificatePem: Buffer, privateKeyPem: Buffer, method: string, uri: string, body: Buffer): Promise<string> {
  const b64cert = certificatePem.toString('base64');
  const payload = `${method}.${Buffer.from(uri).toString('base64')}.${body.toString('base64')}.${b64cert}`;
  const signature = await signingIdentityOf(createPrivateKey(privateKeyPem)).signer(Buffer.from(payload));
  return `${b64cert}.${Buffer.from(signature).toString('base64')}`;
}

/** The request body: only what changes (fabric-ca leaves empty fields and a zero max_enrollments alone). */
export function modifyBody(ca: CaConnection, change: IdentityChange): Buffer {
  return Buffer.from(JSON.stringify({ attrs: change.attrs, secret: change.secret, caname: ca.name }));
}

export async function modifyIdentity(ca: CaConnection, registrar: IdentityFiles, id: string, change: IdentityChange): Promise<void> {
  const url = new URL(`${ca.url.replace(/\/$/, '')}/api/v1/identities/${encodeURIComponent(id)}`);
  url.searchParams.set('ca', ca.name);
  const body = modifyBody(ca, change);
  const uri = `${url.pathname}${url.search}`;
  const authorization = await identityToken(readFileSync(registrar.cert), readFileSync(registrar.key), 'PUT', uri, body);
  const answer = await put(url, body, authorization, readFileSync(ca.tlsRootCert));
  if (!answer.success) {
    const reason = answer.errors?.map((e) => e.message).join('; ') || 'no reason given';
    throw new Error(`identity modify of ${id} at ${ca.url} refused: ${reason}`);
  }
}

interface CaAnswer {
  success?: boolean;
  errors?: Array<{ code?: number; message?: string }>;
}

function put(url: URL, body: Buffer, authorization: string, caCertificate: Buffer): Promise<CaAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'PUT', ca: caCertificate, timeout: 30_000, headers: { authorization, 'content-type': 'application/json', 'content-length': body.length } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as CaAnswer);
          } catch {
            reject(new Error(`identity modify at ${url.origin}: HTTP ${res.statusCode}, not a CA answer`));
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`identity modify at ${url.origin}: no answer in 30 s`)));
    req.on('error', reject);
    req.end(body);
  });
}
