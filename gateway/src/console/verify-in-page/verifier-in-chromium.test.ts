/**
 * The verifier in a real browser (Debian's chromium, driven by playwright-core): the script the
 * console serves is built as `npm run build` builds it, loaded into a page with no network, and
 * given the captured bundles, bundles altered by one byte and forged ones. Its verdict and every
 * named check must be exactly what the Node verifier says of the same bundle.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { ProofBundle, TrustAnchor } from '../../verify/bundle';
import { ForgedNetwork, type Identity } from '../../verify/testing/forged-network';
import { accessEventBundle, disbursementBundle, fixture, flipChar, locate, mvccInvalidBundle, tamperEnvelope } from '../../verify/testing/fixtures';
import { verifyBundle } from '../../verify/verify-bundle';
import type { PageVerification } from './welfare-verify';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildBrowserVerifier } = require('../../../scripts/build-browser-verifier') as { buildBrowserVerifier: (outfile: string) => Promise<void> };

const CHROMIUM = '/usr/bin/chromium';
const realTrust = () => fixture<TrustAnchor>('trust.json');

jest.setTimeout(120_000);

let browser: Browser;
let page: Page;
const requests: string[] = [];
const pageErrors: string[] = [];
let workDir: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`no ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium)`);
  workDir = mkdtempSync(path.join(tmpdir(), 'welfare-verifier-'));
  const script = path.join(workDir, 'verifier.js');
  await buildBrowserVerifier(script);
  browser = await chromium.launch({ executablePath: CHROMIUM });
  page = await browser.newPage();
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.setContent('<!doctype html><meta charset="utf-8"><title>verifier</title>');
  await page.addScriptTag({ content: readFileSync(script, 'utf8') });
});

afterAll(async () => {
  await browser?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

async function inPage(bundleText: string, trust: TrustAnchor): Promise<PageVerification> {
  return page.evaluate(([b, t]) => (globalThis as unknown as { welfareVerify: (b: string, t: string) => Promise<PageVerification> }).welfareVerify(b, t), [
    bundleText,
    JSON.stringify(trust),
  ] as const);
}

/** What the Node verifier says, in the page's shape. */
function inNode(bundleText: string, trust: TrustAnchor): Omit<PageVerification, 'subject'> {
  const result = verifyBundle(JSON.parse(bundleText), { trust });
  return { verdict: result.ok ? 'VERIFIED' : 'REFUSED', checks: result.checks.map((c) => ({ name: c.check, ok: c.ok, detail: c.detail })) };
}

/** Runs both verifiers; they must agree exactly. Returns the page's answer. */
async function sameVerdict(bundle: ProofBundle | string, trust: TrustAnchor = realTrust()): Promise<PageVerification> {
  const text = typeof bundle === 'string' ? bundle : JSON.stringify(bundle);
  const page = await inPage(text, trust);
  expect({ verdict: page.verdict, checks: page.checks }).toEqual(inNode(text, trust));
  return page;
}

const failed = (result: PageVerification) => result.checks.filter((c) => !c.ok).map((c) => c.name);

/** The bundle's JSON text with one character changed, `offset` characters into the value of `field`. */
function alteredText(bundle: ProofBundle, field: string, offset: number): string {
  const text = JSON.stringify(bundle);
  const at = text.indexOf(`"${field}":"`);
  if (at < 0) throw new Error(`no ${field} in the bundle`);
  return flipChar(text, at + field.length + 4 + offset);
}

const LINE_KEY = '\u0000line\u0000FORGED-1\u0000';
const lineClaim = { namespace: 'welfare', key: LINE_KEY, value: '{"amountFen":100}' };

/** A channel forged with our own CAs and orderer: one written line in block 1, one later block. */
function forgedChannel(options: { prepare?: (net: ForgedNetwork) => void; endorsers?: (net: ForgedNetwork) => Identity[] } = {}) {
  const net = new ForgedNetwork();
  options.prepare?.(net);
  const tx = net.transaction({ endorsers: options.endorsers?.(net), writes: [{ key: LINE_KEY, value: lineClaim.value }] });
  const { number } = net.appendBlock([tx.envelope]);
  net.appendBlock([net.transaction().envelope]);
  return { net, bundle: net.bundle(number, [lineClaim]) };
}

describe('the verifier in the page (chromium) says what the Node verifier says', () => {
  it('a captured disbursement bundle is VERIFIED from the trust file, every check named', async () => {
    const result = await sameVerdict(disbursementBundle());
    expect(result.verdict).toBe('VERIFIED');
    expect(result.checks.map((c) => c.name)).toEqual(expect.arrayContaining(['trust-anchor', 'orderer-signatures', 'endorsement-signatures', 'endorser-certificates', 'write-set']));
    expect(result.subject?.txId).toBe(disbursementBundle().txId);
  });

  it('a captured access-event bundle is VERIFIED, its Merkle path checked in the page', async () => {
    const result = await sameVerdict(accessEventBundle());
    expect(result.verdict).toBe('VERIFIED');
    expect(result.checks.find((c) => c.name === 'merkle-path')?.ok).toBe(true);
  });

  it('a transaction the peers committed as MVCC_READ_CONFLICT is REFUSED by validation-code', async () => {
    const result = await sameVerdict(mvccInvalidBundle());
    expect(result.verdict).toBe('REFUSED');
    expect(failed(result)).toContain('validation-code');
  });

  it('one byte of an endorsement signature altered: REFUSED, endorsement-signatures named', async () => {
    const result = await sameVerdict(tamperEnvelope(disbursementBundle(), locate.endorsementSignature));
    expect(result.verdict).toBe('REFUSED');
    expect(failed(result)).toContain('endorsement-signatures');
  });

  it('one byte of an endorser certificate altered: REFUSED, the certificate checks named', async () => {
    const result = await sameVerdict(tamperEnvelope(disbursementBundle(), locate.endorserCertificate));
    expect(result.verdict).toBe('REFUSED');
    expect(failed(result)).toEqual(expect.arrayContaining(['endorsement-signatures', 'endorser-certificates']));
  });

  it.each([
    ['the envelope', 'transaction-in-block', 'envelope', 120],
    ['the claimed record', 'write-set', 'value', 3],
    ['the tip hash', 'header-chain', 'hash', 10],
  ])('one character of %s altered in the JSON text: REFUSED by %s', async (_what, check, field, offset) => {
    const result = await sameVerdict(alteredText(disbursementBundle(), field, offset));
    expect(result.verdict).toBe('REFUSED');
    expect(failed(result)).toContain(check);
  });

  it('a byte that breaks the JSON: REFUSED, bundle-format names it', async () => {
    const text = JSON.stringify(disbursementBundle());
    const result = await inPage(`${text.slice(0, 100)}}${text.slice(101)}`, realTrust());
    expect(result.verdict).toBe('REFUSED');
    expect(result.checks).toEqual([{ name: 'bundle-format', ok: false, detail: expect.stringMatching(/^the bundle is not JSON/) }]);
  });

  it('a self-made network (its own CAs and orderer, internally consistent) is REFUSED by trust-anchor, and VERIFIED only under its own anchor', async () => {
    const { net, bundle } = forgedChannel();
    const refused = await sameVerdict(bundle);
    expect(refused.verdict).toBe('REFUSED');
    expect(failed(refused)).toEqual(['trust-anchor']);
    expect((await sameVerdict(bundle, net.trust)).verdict).toBe('VERIFIED');
  });

  it('a forged channel whose endorser was revoked by a CRL in the config in effect: REFUSED by endorser-certificates', async () => {
    const { net, bundle } = forgedChannel({ prepare: (n) => { n.revoke(n.peers.get('FinanceMSP')!); n.updateConfig(() => undefined); } });
    const result = await sameVerdict(bundle, net.trust);
    expect(result.verdict).toBe('REFUSED');
    expect(result.checks.find((c) => c.name === 'endorser-certificates')?.detail).toMatch(/is revoked by a CRL of FinanceMSP/);
  });

  it('a forged channel endorsed with a certificate expired before the transaction: REFUSED, its validity named as Node names it', async () => {
    const { net, bundle } = forgedChannel({ endorsers: (n) => [n.identity('FinanceMSP', 'peer', { notAfter: new Date(Date.UTC(2025, 0, 1)) }), n.peers.get('AuditMSP')!] });
    const result = await sameVerdict(bundle, net.trust);
    expect(result.verdict).toBe('REFUSED');
    expect(result.checks.find((c) => c.name === 'endorser-certificates')?.detail).toMatch(/was not valid at .* \(valid .* to Jan  1 00:00:00 2025 GMT\)/);
  });

  it('a trust file that is not one is an error, not a verdict', async () => {
    await expect(page.evaluate(() => (globalThis as unknown as { welfareVerify: (b: string, t: string) => Promise<unknown> }).welfareVerify('{}', '{"format":"x"}'))).rejects.toThrow(
      /the trust file: not a welfare-ledger\/trust version 1 document/,
    );
  });

  it('the page made no network request and threw no error', () => {
    expect(requests.filter((url) => !url.startsWith('about:') && !url.startsWith('data:'))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
