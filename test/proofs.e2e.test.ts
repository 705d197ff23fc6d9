/**
 * Proofs end to end, as an auditor follows the README: a trust file made from the channel's
 * genesis block with `welfare-ledger trust init`; records written through the gateway, their
 * bundles fetched over HTTP and verified offline (library and CLI) from that trust anchor; an
 * MVCC-invalid transaction provoked with two direct clients fails on the validation check;
 * checkpoints signed by a peer; and the verifier's block hashing agrees with Fabric's own.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '../gateway/src/config';
import { ChainQueries } from '../gateway/src/proofs/chain-queries';
import { headerJson } from '../gateway/src/proofs/block-json';
import { blockHeaderHash, trustFromGenesisBlock, verifyBundle, type PeerCheckpoint, type ProofBundle } from '../gateway/src/verify';
import { headerFields } from '../gateway/src/verify/bundle-context';
import { citizenOfRun, get, post, runTag } from './support/api';
import { connectDirect } from './support/fabric-client';
import { gatewayDir, REPO_ROOT, RUN_DIR } from './support/test-network';

const programmeId = `PROOF_${runTag}`;
const citizenId = citizenOfRun(611, '310106');
const dir = mkdtempSync(path.join(tmpdir(), 'welfare-proofs-'));
const CLI = path.join(REPO_ROOT, 'gateway', 'bin', 'welfare-ledger.js');
const GENESIS = path.join(RUN_DIR, 'shared', 'welfare.block');
const TRUST_FILE = path.join(dir, 'welfare-trust.json');
const trust = trustFromGenesisBlock(readFileSync(GENESIS));

const failed = (bundle: unknown, options = {}) => verifyBundle(bundle, { trust, ...options }).checks.filter((c) => !c.ok).map((c) => `${c.check}: ${c.detail}`);
const claimed = (bundle: ProofBundle, table: string) =>
  bundle.claims.filter((c) => c.key.split('\u0000')[1] === table).map((c) => JSON.parse(c.value));

function cli(...args: string[]): { code: number; out: string } {
  try {
    return { code: 0, out: execFileSync('node', [CLI, ...args], { encoding: 'utf8' }) };
  } catch (err) {
    const e = err as { status: number; stdout: string };
    return { code: e.status, out: e.stdout };
  }
}

/** `welfare-ledger verify` as an auditor runs it, on a bundle saved to a file, with the trust file. */
function cliVerify(bundle: unknown, ...options: string[]): { code: number; out: string } {
  const file = path.join(dir, `bundle-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(bundle));
  return cli('verify', file, '--trust', TRUST_FILE, ...options);
}

describe('proof bundles fetched over HTTP and verified offline', () => {
  beforeAll(async () => {
    const made = cli('trust', 'init', GENESIS, '--out', TRUST_FILE);
    expect(made.code).toBe(0);
    expect(JSON.parse(readFileSync(TRUST_FILE, 'utf8'))).toEqual(trust);
    const created = await post('/v1/programmes', 'civil-affairs-system', { id: programmeId, nameEn: 'Proof test allowance', nameZh: '证明测试津贴', monthlyCapFen: 40000 });
    expect(created.status).toBe(201);
  });

  test('a disbursement: its bundle verifies, and it proves the very line the receipt returned', async () => {
    const granted = await post('/v1/eligibility/grant', 'civil-affairs-system', {
      citizenId, programmeId, validFrom: '2026-01-01', districtCode: '310106', decisionRef: `PROOF-${runTag}`,
      checks: [{ check: 'IDENTITY', result: 'PASS', sourceSystem: 'civil-affairs-system' }],
    });
    expect(granted.status).toBe(201);
    const posted = await post('/v1/disbursements', 'finance-system', {
      lineId: `PROOF-${runTag}-1`, programmeId, period: '2026-07', citizenId, amountFen: 23456, bankAccount: '6222020000009911', kind: 'REGULAR',
    });
    expect(posted.status).toBe(201);

    const proof = await get(`/v1/proofs/tx/${posted.body.txId}`, 'audit-system');
    expect(proof.status).toBe(200);
    const bundle = proof.body as ProofBundle;
    expect(failed(bundle)).toEqual([]);
    expect(bundle.block.header.number).toBe(posted.body.blockNumber);
    expect(claimed(bundle, 'line')).toEqual([posted.body.record]);
    expect(JSON.stringify(bundle)).not.toContain(citizenId);

    const verified = cliVerify(bundle);
    expect(verified.code).toBe(0);
    expect(verified.out).toMatch(/^ok +orderer-signatures +block \d+ signed by \d orderer nodes? of OrdererMSP/m);
    expect(verified.out).toMatch(/^ok +transaction-integrity +txId = SHA-256\(nonce ‖ creator\)/m);
    expect(verified.out).toMatch(/^ok +endorsement-policy +\/Channel\/Application\/Endorsement \(MAJORITY Endorsement of 3 orgs needs 2\)/m);
    expect(verified.out).toMatch(/^VERIFIED: transaction /m);
    expect(cli('verify', path.join(dir, 'nope.json')).code).toBe(2);

    // Reading the line back (personal data) carries proof links for the line and for the access event that logged the read.
    const read = await get(`/v1/disbursements/PROOF-${runTag}-1?purpose=AUDIT`, 'audit-system');
    expect(read.status).toBe(200);
    expect(read.body.proof).toBe(`/v1/proofs/tx/${posted.body.txId}`);
    expect(read.body.accessEvent.proof).toBe(`/v1/proofs/access-events/${read.body.accessEvent.eventId}`);
    const readProof = await get(read.body.accessEvent.proof, 'audit-system');
    expect(readProof.status).toBe(200);
    expect(failed(readProof.body)).toEqual([]);
  });

  test('without a trust file the CLI says at most "consistent, not verified" and exits 3', async () => {
    const posted = await post('/v1/programmes', 'civil-affairs-system', { id: `${programmeId}_NOTRUST`, nameEn: 'No trust', nameZh: '无信任', monthlyCapFen: 100 });
    const bundle = (await get(`/v1/proofs/tx/${posted.body.txId}`, 'audit-system')).body;
    const file = path.join(dir, 'untrusted.json');
    writeFileSync(file, JSON.stringify(bundle));
    const { code, out } = cli('verify', file);
    expect(code).toBe(3);
    expect(out).toMatch(/^CONSISTENT, NOT VERIFIED: /m);
  });

  test('an eligibility change (suspension): its bundle verifies and proves the SUSPENDED record', async () => {
    const suspended = await post('/v1/eligibility/suspend', 'civil-affairs-system', {
      citizenId, programmeId, reason: 'INCOME_REVIEW', decisionRef: `PROOF-SUSPEND-${runTag}`,
    });
    expect(suspended.status).toBe(201);
    const proof = await get(`/v1/proofs/tx/${suspended.body.txId}`, 'civil-affairs-system');
    expect(proof.status).toBe(200);
    expect(failed(proof.body)).toEqual([]);
    expect(claimed(proof.body, 'eligibility')).toEqual([expect.objectContaining({ status: 'SUSPENDED', programmeId, txId: suspended.body.txId })]);
    expect(claimed(proof.body, 'eligibility')).toEqual([suspended.body.record]);
    expect(cliVerify(proof.body).code).toBe(0);
  });

  test('an access event: its bundle verifies, including the Merkle path to the anchored root', async () => {
    const logged = await post('/v1/access-events', 'audit-system', [0, 1, 2].map((n) => ({
      citizenId, datasetCode: 'JM.T07', fields: ['disabilityLevel'], purpose: 'AUDIT', legalBasis: `proof test ${n}`,
      accessedAt: `2026-06-2${n}T08:00:00Z`, resultCount: 1,
    })));
    expect(logged.status).toBe(201);
    const { eventId, batchId, leafIndex, root } = logged.body.events[2];
    const proof = await get(`/v1/proofs/access-events/${eventId}`, 'audit-system');
    expect(proof.status).toBe(200);
    const bundle = proof.body as ProofBundle;
    expect(failed(bundle)).toEqual([]);
    expect(bundle.accessEvent).toMatchObject({ batchId, leafIndex, event: { eventId, legalBasis: 'proof test 2' } });
    expect(claimed(bundle, 'accessBatch')).toEqual([expect.objectContaining({ batchId, root })]);
    const verified = cliVerify(bundle);
    expect(verified.code).toBe(0);
    expect(verified.out).toMatch(/^ok +merkle-path +event /m);

    const forged = { ...bundle, accessEvent: { ...bundle.accessEvent!, event: { ...bundle.accessEvent!.event, purpose: 'BENEFIT_REVIEW' } } };
    const refused = cliVerify(forged);
    expect(refused.code).toBe(1);
    expect(refused.out.split('\n').filter((l) => l.startsWith('FAILED'))).toEqual([expect.stringMatching(/^FAILED +merkle-path/)]);
  });

  test('a transaction Fabric marked MVCC_READ_CONFLICT (two concurrent programme updates) fails on the validation check', async () => {
    const [a, b] = [connectDirect('CivilAffairsMSP'), connectDirect('CivilAffairsMSP')];
    let invalidTxId: string | undefined;
    try {
      for (let attempt = 0; attempt < 10 && !invalidTxId; attempt++) {
        const submitted = await Promise.all([a, b].map((client, i) =>
          client.contract.submitAsync('programme:UpdateProgramme', { arguments: [JSON.stringify({ id: programmeId, nameEn: `updated ${attempt}.${i}` })] })));
        const statuses = await Promise.all(submitted.map((s) => s.getStatus()));
        invalidTxId = statuses.find((s) => s.code === 11)?.transactionId;
      }
    } finally {
      a.close();
      b.close();
    }
    expect(invalidTxId).toBeDefined();
    const proof = await get(`/v1/proofs/tx/${invalidTxId}`, 'audit-system');
    expect(proof.status).toBe(200);
    // The block metadata says so, and so does each org's peer in its signed answer.
    expect(failed(proof.body)).toEqual([
      expect.stringMatching(/^validation-code: .*MVCC_READ_CONFLICT, not VALID/),
      expect.stringMatching(/^validation-attestations: the peer of \w+MSP signed that it committed the transaction as MVCC_READ_CONFLICT/),
    ]);
    const refused = cliVerify(proof.body);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/^NOT VERIFIED: .*\(validation-code, validation-attestations\)$/m);
  });

  test("a checkpoint signed by AuditMSP's peer, fetched first: a later bundle passes through it; one naming another org is refused", async () => {
    const checkpoint = (await get('/v1/proofs/checkpoint?org=AuditMSP', 'audit-system')).body as PeerCheckpoint;
    expect(checkpoint).toMatchObject({ format: 'welfare-ledger/checkpoint', version: 2, channel: 'welfare', org: 'AuditMSP' });
    const posted = await post('/v1/programmes', 'civil-affairs-system', { id: `${programmeId}_LATER`, nameEn: 'Later', nameZh: '之后', monthlyCapFen: 100 });
    expect(posted.status).toBe(201);
    const since = (await get(`/v1/proofs/tx/${posted.body.txId}?since=${checkpoint.tip!.number}`, 'audit-system')).body as ProofBundle;
    expect(failed(since, { checkpoint })).toEqual([]);
    const file = path.join(dir, 'checkpoint.json');
    writeFileSync(file, JSON.stringify(checkpoint));
    expect(cliVerify(since, '--checkpoint', file).out).toMatch(/^ok +checkpoint +signed by a peer of AuditMSP/m);
    expect(cliVerify(since, '--trusted-tip', `${checkpoint.tip!.number}:${checkpoint.tip!.hash}`).code).toBe(0);

    writeFileSync(file, JSON.stringify({ ...checkpoint, org: 'FinanceMSP' }));
    const forged = cliVerify(since, '--checkpoint', file);
    expect(forged.code).toBe(1);
    expect(forged.out).toMatch(/^FAILED +checkpoint +the checkpoint names FinanceMSP but is signed by an identity of AuditMSP/m);
  });

  test("a bundle fetched before the checkpoint cannot reach its tip: the verifier says to fetch the bundle again", async () => {
    const posted = await post('/v1/programmes', 'civil-affairs-system', { id: `${programmeId}_EARLY`, nameEn: 'Early', nameZh: '早', monthlyCapFen: 100 });
    const early = (await get(`/v1/proofs/tx/${posted.body.txId}`, 'audit-system')).body as ProofBundle;
    await post('/v1/programmes', 'civil-affairs-system', { id: `${programmeId}_EARLY_2`, nameEn: 'Early 2', nameZh: '早二', monthlyCapFen: 100 });
    const checkpoint = (await get('/v1/proofs/checkpoint?org=FinanceMSP', 'audit-system')).body as PeerCheckpoint;
    expect(failed(early, { checkpoint })).toEqual([expect.stringMatching(/^checkpoint: .*fetch the bundle again/)]);
    const again = (await get(`/v1/proofs/tx/${posted.body.txId}`, 'audit-system')).body as ProofBundle;
    expect(failed(again, { checkpoint })).toEqual([]);
  });

  test('who may fetch proofs, and what is not there', async () => {
    expect((await get(`/v1/proofs/tx/${'0'.repeat(64)}`, 'audit-system')).status).toBe(404);
    expect((await get('/v1/proofs/tx/not-a-tx-id', 'audit-system')).status).toBe(400);
    expect((await get(`/v1/proofs/tx/${'0'.repeat(64)}`)).status).toBe(401);
    expect((await get('/v1/proofs/access-events/AE-none', 'finance-system')).status).toBe(403);
    expect((await get('/v1/proofs/access-events/AE-none', 'audit-system')).status).toBe(404);
    expect((await get('/v1/proofs/checkpoint?org=NoSuchMSP', 'audit-system')).status).toBe(404);
  });
});

describe("the verifier's block hashing agrees with Fabric's own", () => {
  // As the Audit org's gateway reads the peers: with its own configuration and identity.
  const queries = new ChainQueries(loadConfig({ WELFARE_GATEWAY_CONFIG: path.join(gatewayDir('audit'), 'gateway.json') }));
  afterAll(() => queries.close());

  test.each(['CivilAffairsMSP', 'FinanceMSP', 'AuditMSP'])(
    "%s's peer: GetChainInfo's current block hash is our hash of the tip header, and each block's previous hash our hash of the one before",
    async (org) => {
      const info = await queries.chainInfo(org);
      const tip = await queries.blockByNumber(info.height - 1, org);
      const tipHeader = headerJson(tip);
      expect(blockHeaderHash(headerFields(tipHeader)).toString('hex')).toBe(info.currentBlockHash);
      for (let n = Math.max(1, info.height - 6); n < info.height; n++) {
        const [before, block] = await Promise.all([queries.blockByNumber(n - 1, org), queries.blockByNumber(n, org)]);
        expect(blockHeaderHash(headerFields(headerJson(before))).toString('hex')).toBe(headerJson(block).previousHash);
      }
    },
  );
});
