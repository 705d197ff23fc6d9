import { createPublicKey, verify } from 'node:crypto';
import { issueCertificate } from '../verify/testing/x509';
import { identityToken, modifyBody } from './ca-identity-modify';

const P256_HALF_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n / 2n;

/** The S of a DER ECDSA signature SEQUENCE { INTEGER r, INTEGER s } (short lengths, as P-256's are). */
function sOf(der: Buffer): bigint {
  const rLength = der[3];
  const sStart = 4 + rLength + 2;
  return BigInt(`0x${der.subarray(sStart, sStart + der[sStart - 1]).toString('hex')}`);
}

describe("a Fabric CA's token for identity modify", () => {
  const registrar = issueCertificate({ O: 'FinanceMSP', CN: 'registrar' });
  const certificatePem = Buffer.from(registrar.pem);
  const keyPem = Buffer.from(registrar.keys.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
  const body = Buffer.from('{"secret":"s3cret"}');
  const uri = '/api/v1/identities/finance-system?ca=ca-finance';

  it('is the certificate and a low-S ECDSA signature over method, URI, body and certificate, as fabric-ca-server checks it', async () => {
    for (let i = 0; i < 20; i++) {
      const token = await identityToken(certificatePem, keyPem, 'PUT', uri, body);
      const [b64cert, b64sig, ...rest] = token.split('.');
      expect(rest).toEqual([]);
      expect(Buffer.from(b64cert, 'base64').equals(certificatePem)).toBe(true);
      const payload = `PUT.${Buffer.from(uri).toString('base64')}.${body.toString('base64')}.${b64cert}`;
      const signature = Buffer.from(b64sig, 'base64');
      expect(verify('sha256', Buffer.from(payload), createPublicKey(certificatePem), signature)).toBe(true);
      expect(sOf(signature) <= P256_HALF_ORDER).toBe(true);
    }
  });

  it('signs the very request: another URI, body or method does not verify', async () => {
    const token = await identityToken(certificatePem, keyPem, 'PUT', uri, body);
    const [b64cert, b64sig] = token.split('.');
    const signature = Buffer.from(b64sig, 'base64');
    for (const [method, otherUri, otherBody] of [
      ['PUT', '/api/v1/identities/audit-system?ca=ca-finance', body],
      ['PUT', uri, Buffer.from('{"secret":"other"}')],
      ['DELETE', uri, body],
    ] as const) {
      const payload = `${method}.${Buffer.from(otherUri).toString('base64')}.${otherBody.toString('base64')}.${b64cert}`;
      expect(verify('sha256', Buffer.from(payload), createPublicKey(certificatePem), signature)).toBe(false);
    }
  });

  it('asks to change only the secret and the attributes, at the named CA', () => {
    const ca = { name: 'ca-finance', url: 'https://127.0.0.1:7054', tlsRootCert: '', clientBin: '', registrar: { id: 'registrar', secretFile: '' } };
    const change = { secret: 'x', attrs: [{ name: 'welfare.roles', value: 'finance,access-log', ecert: true }] };
    expect(JSON.parse(modifyBody(ca, change).toString())).toEqual({ secret: 'x', attrs: change.attrs, caname: 'ca-finance' });
  });
});
