/**
 * The page's X.509 and signature stand-in agrees with node:crypto (OpenSSL) on every certificate
 * of the captured bundles and of a forged network: the same names, dates and serials (they appear
 * in the verifier's messages), the same CA flag, the same issuer links and signature answers.
 */
import * as nodeCrypto from 'node:crypto';
import { ForgedNetwork } from '../../verify/testing/forged-network';
import { accessEventBundle, disbursementBundle, flipByte } from '../../verify/testing/fixtures';
import { issueCertificate } from '../../verify/testing/x509';
import * as pageCrypto from './node-crypto';

const PEM = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----\n?/g;

/** Every PEM certificate inside the base64 fields of a bundle (envelopes, config blocks, answers). */
function certificatesIn(value: unknown, found = new Set<string>()): Set<string> {
  if (typeof value === 'string' && value.length > 200 && /^[A-Za-z0-9+/]+=*$/.test(value)) {
    for (const pem of Buffer.from(value, 'base64').toString('latin1').match(PEM) ?? []) found.add(pem);
  } else if (value && typeof value === 'object') {
    for (const child of Object.values(value)) certificatesIn(child, found);
  }
  return found;
}

function forgedCertificates(): string[] {
  const net = new ForgedNetwork();
  const expired = net.identity('FinanceMSP', 'peer', { notAfter: new Date(Date.UTC(2025, 0, 9)) });
  return [...net.cas.values(), ...net.peers.values(), ...net.clients.values(), ...net.admins.values(), net.orderer, expired].map((x) => ('pem' in x ? x.pem : x.cert.pem));
}

const pems = [...certificatesIn(disbursementBundle()), ...certificatesIn(accessEventBundle()), ...forgedCertificates()];

describe('the page reads certificates as node:crypto does', () => {
  it('finds certificates to compare: CAs, peers, orderers and clients of real and forged networks', () => {
    const parsed = pems.map((pem) => new nodeCrypto.X509Certificate(pem));
    expect(parsed.filter((c) => c.ca).length).toBeGreaterThanOrEqual(8);
    expect(parsed.filter((c) => /OU=peer/.test(c.subject)).length).toBeGreaterThanOrEqual(6);
    expect(parsed.filter((c) => /OU=orderer/.test(c.subject)).length).toBeGreaterThanOrEqual(2);
  });

  it.each(pems.map((pem, i) => [i, pem]))('certificate %i: subject, issuer, validity, serial, CA flag and DER bytes', (_i, pem) => {
    const node = new nodeCrypto.X509Certificate(pem);
    const page = new pageCrypto.X509Certificate(pem);
    expect({ subject: page.subject, issuer: page.issuer, validFrom: page.validFrom, validTo: page.validTo, serialNumber: page.serialNumber, ca: page.ca }).toEqual({
      subject: node.subject,
      issuer: node.issuer,
      validFrom: node.validFrom,
      validTo: node.validTo,
      serialNumber: node.serialNumber,
      ca: node.ca,
    });
    expect(page.publicKey.asymmetricKeyType).toBe(node.publicKey.asymmetricKeyType);
    expect(page.raw.equals(node.raw)).toBe(true);
  });

  it('links each certificate to the same issuers, and checks its signature the same way', () => {
    const node = pems.map((pem) => new nodeCrypto.X509Certificate(pem));
    const page = pems.map((pem) => new pageCrypto.X509Certificate(pem));
    let links = 0;
    for (let s = 0; s < pems.length; s++) {
      for (let i = 0; i < pems.length; i++) {
        const expected = node[s].checkIssued(node[i]) && node[s].verify(node[i].publicKey);
        expect([s, i, page[s].checkIssued(page[i]) && page[s].verify(page[i].publicKey)]).toEqual([s, i, expected]);
        if (expected) links++;
      }
    }
    expect(links).toBeGreaterThanOrEqual(pems.length);
  });

  it('refuses a certificate whose signature was altered by one byte, as node:crypto does', () => {
    const ca = issueCertificate({ O: 'x', CN: 'ca.x' }, { ca: true });
    const leaf = issueCertificate({ O: 'x', OU: 'peer', CN: 'peer.x' }, { issuer: ca });
    const der = new nodeCrypto.X509Certificate(leaf.pem).raw;
    const altered = flipByte(der, -3);
    const node = new nodeCrypto.X509Certificate(altered);
    const page = new pageCrypto.X509Certificate(altered);
    expect(node.verify(new nodeCrypto.X509Certificate(ca.pem).publicKey)).toBe(false);
    expect(page.verify(new pageCrypto.X509Certificate(ca.pem).publicKey)).toBe(false);
    expect(new pageCrypto.X509Certificate(leaf.pem).verify(new pageCrypto.X509Certificate(ca.pem).publicKey)).toBe(true);
  });

  it('hashes and verifies ECDSA signatures as node:crypto does, any S, DER only', () => {
    const ca = issueCertificate({ O: 'x', CN: 'ca.x' }, { ca: true });
    const data = Buffer.from('a payment line of 100 fen');
    const signature = nodeCrypto.sign('sha256', data, ca.keys.privateKey);
    const key = new pageCrypto.X509Certificate(ca.pem).publicKey;
    expect(pageCrypto.createHash('sha256').update(data).digest('hex')).toBe(nodeCrypto.createHash('sha256').update(data).digest('hex'));
    expect(pageCrypto.verify('sha256', data, key, signature)).toBe(true);
    expect(pageCrypto.verify('sha256', flipByte(data, 0), key, signature)).toBe(false);
    const highS = withHighS(signature);
    expect(nodeCrypto.verify('sha256', data, ca.keys.publicKey, highS)).toBe(true);
    expect(pageCrypto.verify('sha256', data, key, highS)).toBe(true);
  });
});

/** What the verifier reads of the altered certificate, and the peer's link to its CA, or 'throws'. */
function reading(X509: typeof nodeCrypto.X509Certificate | typeof pageCrypto.X509Certificate, subjectDer: Buffer, issuerDer: Buffer, altered: 'subject' | 'issuer') {
  const attempt = <T>(read: () => T): T | string => {
    try {
      return read();
    } catch {
      return 'throws';
    }
  };
  return attempt(() => {
    const [subject, issuer] = [new X509(subjectDer), new X509(issuerDer)] as [nodeCrypto.X509Certificate, nodeCrypto.X509Certificate];
    const read = altered === 'subject' ? subject : issuer;
    return {
      fields: [read.subject, read.issuer, read.validFrom, read.validTo, read.serialNumber, read.ca],
      key: attempt(() => read.publicKey.asymmetricKeyType),
      issued: attempt(() => subject.checkIssued(issuer)),
      signed: attempt(() => subject.verify(issuer.publicKey)),
    };
  });
}

describe('a certificate altered in any one byte', () => {
  const b = disbursementBundle();
  const peerPem = [...certificatesIn(b)].find((pem) => /OU=peer/.test(new nodeCrypto.X509Certificate(pem).subject))!;
  const peer = new nodeCrypto.X509Certificate(peerPem);
  const ca = [...certificatesIn(b)].map((pem) => new nodeCrypto.X509Certificate(pem)).find((c) => c.ca && peer.checkIssued(c) && peer.verify(c.publicKey))!;

  it.each([
    ['a peer certificate', 'subject'],
    ['its CA certificate', 'issuer'],
  ] as const)('%s: the page reads it, and links the peer to its CA, as node:crypto does', (_what, altered) => {
    const original = altered === 'subject' ? peer.raw : ca.raw;
    const differences: string[] = [];
    for (let at = 0; at < original.length; at++) {
      const changed = Buffer.from(original);
      changed[at] ^= 1 << at % 8; // a different bit at each position
      const [subjectDer, issuerDer] = altered === 'subject' ? [changed, ca.raw] : [peer.raw, changed];
      const node = JSON.stringify(reading(nodeCrypto.X509Certificate, subjectDer, issuerDer, altered));
      const page = JSON.stringify(reading(pageCrypto.X509Certificate, subjectDer, issuerDer, altered));
      if (node !== page) differences.push(`byte ${at}: node ${node} page ${page}`);
    }
    expect(differences).toEqual([]);
  });
});

const P256_ORDER = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');

/** The same ECDSA signature with s replaced by n - s (valid for OpenSSL; Fabric's peers would want low S). */
function withHighS(signature: Buffer): Buffer {
  const rLength = signature[3];
  const r = signature.subarray(4, 4 + rLength);
  const s = BigInt(`0x${signature.subarray(6 + rLength).toString('hex')}`);
  const otherS = P256_ORDER - s;
  const sBytes = Buffer.from(otherS.toString(16).padStart(64, '0'), 'hex');
  const sContent = sBytes[0] & 0x80 ? Buffer.concat([Buffer.from([0]), sBytes]) : sBytes.subarray(sBytes.findIndex((b) => b !== 0));
  const body = Buffer.concat([Buffer.from([0x02, r.length]), r, Buffer.from([0x02, sContent.length]), sContent]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}
