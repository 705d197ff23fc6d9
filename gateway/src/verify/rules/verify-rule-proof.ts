/**
 * Verifies a rule proof offline: the decision's bundle passes every check; every version it
 * read is proven by the bundle of the transaction that wrote it (same block and transaction
 * number, the key in that transaction's proven write set, committed before the decision); keys
 * read as absent are absent in the decision's endorsed read set; range reads return what is
 * listed; the chaincode definition in effect names rules this verifier holds; and those rules,
 * re-run on the proven facts and the decision's timestamp, give exactly what was written.
 */
import type { Stamp, SystemRecord } from '@welfare-ledger/chaincode/lib';
import { createHash, X509Certificate } from 'node:crypto';
import { BundleContext } from '../bundle-context';
import type { ProofBundle } from '../bundle';
import type { SerializedIdentity } from '../fabric/identity';
import type { Write } from '../fabric/transaction';
import { verifyBundle, type Verification, type VerifyOptions } from '../verify-bundle';
import { compositeKey, DecisionMismatch, PAYMENT_DECISIONS, type DecisionOutcome, type ProvenFact } from './payment-decisions';
import { ELIGIBILITY_DECISIONS } from './eligibility-decisions';
import { factInRanges, type ProvenRange } from './range-facts';
import { rangeResultsProblem } from './range-reads';
import { readSetOf, versionText, type KeyRead, type ReadSet, type Version } from './read-set';
import { ruleProofFormatProblem, type RuleProof } from './rule-proof';
import { definitionWritten, LIFECYCLE_NAMESPACE, RELEASED_RULES, sequenceKey, WELFARE_CHAINCODE, type ChaincodeDefinition } from './rule-versions';

export const RULE_CHECK_NAMES = ['rule-proof-format', 'decision-bundle', 'facts', 'range-reads', 'rule-version', 'caller', 're-execution'] as const;
export type RuleCheckName = (typeof RULE_CHECK_NAMES)[number];

export interface RuleCheck {
  check: RuleCheckName;
  ok: boolean;
  detail: string;
}

export interface RuleVerification {
  ok: boolean;
  consistent: boolean;
  anchored: boolean;
  checks: RuleCheck[];
  /** The decision bundle's own verification. */
  decision?: Verification;
  definition?: ChaincodeDefinition;
  outcome?: DecisionOutcome;
}

/** The decisions a rule proof re-runs, by chaincode function. */
const DECISIONS = { ...PAYMENT_DECISIONS, ...ELIGIBILITY_DECISIONS };

const pass = (check: RuleCheckName, detail: string): RuleCheck => ({ check, ok: true, detail });
const fail = (check: RuleCheckName, detail: string): RuleCheck => ({ check, ok: false, detail });

export function verifyRuleProof(input: unknown, options: VerifyOptions = {}): RuleVerification {
  const anchored = !!options.trust;
  const problem = ruleProofFormatProblem(input);
  if (problem) return { ok: false, consistent: false, anchored, checks: [fail('rule-proof-format', problem)] };
  const proof = input as RuleProof;
  const checks: RuleCheck[] = [pass('rule-proof-format', `rule proof of transaction ${proof.decision.txId} with ${proof.writers.length} writer bundles`)];
  const done = (extra: Partial<RuleVerification> = {}): RuleVerification => {
    const consistent = checks.every((c) => c.ok);
    return { ok: consistent && anchored, consistent, anchored, checks, ...extra };
  };

  const decision = verifyBundle(proof.decision, options);
  const failed = decision.checks.filter((c) => !c.ok).map((c) => c.check);
  checks.push(failed.length ? fail('decision-bundle', `the decision's bundle fails ${failed.join(', ')}`) : pass('decision-bundle', `transaction ${proof.decision.txId} (block ${decision.subject?.blockNumber} tx ${decision.subject?.txIndex}) passes its ${decision.checks.length} bundle checks`));
  if (failed.length) return done({ decision });

  const ctx = new BundleContext(proof.decision);
  const at: Version = { block: proof.decision.block.header.number, tx: proof.decision.transaction.index };
  let readSet: ReadSet;
  try {
    readSet = readSetOf(ctx.envelope);
  } catch (err) {
    checks.push(fail('facts', `the decision's read set cannot be read: ${(err as Error).message}`));
    return done({ decision });
  }
  const writers = new Writers(proof.writers, options);
  const facts = new Map<string, ProvenFact>();
  const factProblems: string[] = [];
  for (const read of readSet.reads) {
    try {
      facts.set(`${read.namespace}\u0001${read.key}`, provenFact(read, at, writers));
    } catch (err) {
      factProblems.push((err as Error).message);
    }
  }
  const versioned = readSet.reads.filter((r) => r.version).length;
  checks.push(factProblems.length ? fail('facts', factProblems.slice(0, 3).join('; '))
    : pass('facts', `${readSet.reads.length} keys read: ${versioned} at a version proven by the transaction that wrote it, ${readSet.reads.length - versioned} absent at commit`));
  const ranges: ProvenRange[] = [];
  checks.push(checkRanges(readSet, proof, writers, at, ranges));

  const chaincode = readSet.chaincode.name;
  const { check: versionCheck, definition } = checkRuleVersion(readSet, facts, writers, chaincode);
  checks.push(versionCheck);
  if (!checks.every((c) => c.ok) || !definition) return done({ decision, definition });

  const tx = ctx.transaction;
  const fact = (table: string, ...parts: string[]) => {
    const key = compositeKey(table, ...parts);
    return facts.get(`${chaincode}\u0001${key}`) ?? factInRanges(ranges, chaincode, key);
  };
  checks.push(checkCaller(facts, chaincode, tx.creator));
  const written = new Map(tx.actions.flatMap((a) => a.writes).filter((w) => w.namespace === chaincode && !w.isDelete).map((w) => [w.key, w.value]));
  const stamp: Stamp = { now: tx.timestamp!.toISOString(), txId: tx.txId, msp: tx.creator.mspId };
  const [fn, ...args] = tx.actions[0].args;
  const rerun = DECISIONS[fn];
  if (!rerun) {
    checks.push(fail('re-execution', `${fn} is not a decision this verifier re-runs (payment lines and batches, death records, eligibility changes)`));
    return done({ decision, definition });
  }
  try {
    const range = (table: string, ...parts: string[]) => {
      const startKey = compositeKey(table, ...parts);
      return ranges.find((r) => r.range.namespace === chaincode && r.range.startKey === startKey)?.results;
    };
    const outcome = rerun({ args, stamp, fact, range, written, rules: RELEASED_RULES.get(definition.rulesVersion!)! });
    checks.push(pass('re-execution', `${definition.rulesVersion} ${fn} re-run on the proven facts at ${stamp.now} gives exactly the ${written.size} records the transaction wrote`));
    return done({ decision, definition, outcome });
  } catch (err) {
    // Anything the rules cannot be re-run on (a mismatch, or input they choke on) is a refusal, never a pass.
    const why = err instanceof DecisionMismatch ? err.message : `the rules cannot be re-run on this input (${(err as Error).message})`;
    checks.push(fail('re-execution', why));
    return done({ decision, definition });
  }
}

/** The proof bundles of the transactions that wrote what the decision read, by (block, tx), each verified once. */
class Writers {
  private readonly byVersion = new Map<string, ProofBundle>();
  private readonly verified = new Map<string, Write[] | Error>();

  constructor(bundles: ProofBundle[], private readonly options: VerifyOptions) {
    for (const bundle of bundles) this.byVersion.set(`${bundle.block.header.number}:${bundle.transaction.index}`, bundle);
  }

  /** The proven writes of the transaction at `version`; throws when it has no bundle or its bundle fails. */
  writesAt(version: Version): Write[] {
    const id = `${version.block}:${version.tx}`;
    if (!this.verified.has(id)) this.verified.set(id, this.verify(version));
    const result = this.verified.get(id)!;
    if (result instanceof Error) throw result;
    return result;
  }

  private verify(version: Version): Write[] | Error {
    const bundle = this.byVersion.get(`${version.block}:${version.tx}`);
    if (!bundle) return new Error(`no bundle proves the transaction at ${versionText(version)}`);
    const result = verifyBundle(bundle, { trust: this.options.trust, endorsementPolicy: this.options.endorsementPolicy });
    const failed = result.checks.filter((c) => !c.ok);
    if (failed.length) return new Error(`the bundle of the transaction at ${versionText(version)} fails ${failed.map((c) => `${c.check} (${c.detail})`).join(', ')}`);
    return new BundleContext(bundle).transaction.actions.flatMap((a) => a.writes);
  }
}

function provenFact(read: KeyRead, at: Version, writers: Writers): ProvenFact {
  if (!read.version) return { value: null, version: null };
  const v = read.version;
  if (v.block > at.block || (v.block === at.block && v.tx >= at.tx)) throw new Error(`${printable(read.key)} was read at ${versionText(v)}, not before the decision`);
  const write = writers.writesAt(v).find((w) => w.namespace === read.namespace && w.key === read.key && !w.isDelete);
  if (!write) throw new Error(`the transaction at ${versionText(v)} did not write ${printable(read.key)} in ${read.namespace}: it is not the version read`);
  return { value: read.namespace === LIFECYCLE_NAMESPACE ? write.value : JSON.parse(write.value.toString('utf8')), version: v };
}

/**
 * Each range read's listed results (raw, or from the proof when Fabric summarised them), checked
 * and proven. A summarised range whose results the proof does not list proves nothing: no fact
 * is taken from it (a batch makes one when a range holds too many other keys, and then reads its
 * keys one by one).
 */
function checkRanges(readSet: ReadSet, proof: RuleProof, writers: Writers, at: Version, ranges: ProvenRange[]): RuleCheck {
  if (readSet.ranges.length === 0) return pass('range-reads', 'the decision made no range read');
  const kinds: string[] = [];
  for (const range of readSet.ranges) {
    // Fabric records neither raw reads nor a summary for a range that returned nothing.
    const listed = range.rawReads ?? (!range.merkle ? [] : (proof.rangeResults ?? []).find((r) => r.namespace === range.namespace && r.startKey === range.startKey && r.endKey === range.endKey)
      ?.reads.map((r) => ({ namespace: range.namespace, ...r })));
    if (!listed) {
      kinds.push('Merkle-summarised, not listed: no fact taken from it');
      continue;
    }
    const problem = rangeResultsProblem(range, listed);
    if (problem) return fail('range-reads', problem);
    try {
      ranges.push({ range, results: listed.map((read) => ({ key: read.key, ...provenFact(read, at, writers) })) });
    } catch (err) {
      return fail('range-reads', (err as Error).message);
    }
    kinds.push(range.merkle ? 'Merkle-summarised' : range.rawReads ? 'raw' : 'empty');
  }
  return pass('range-reads', `${readSet.ranges.length} range read${readSet.ranges.length === 1 ? '' : 's'} (${summary(kinds)}) return exactly the listed keys, each at a proven version`);
}

/** "raw, raw, raw" for a few kinds; "40 raw, 2 Merkle-summarised" for many. */
function summary(kinds: string[]): string {
  if (kinds.length <= 4) return kinds.join(', ');
  const counts = new Map<string, number>();
  for (const kind of kinds) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return [...counts].map(([kind, n]) => `${n} ${kind}`).join(', ');
}

function checkRuleVersion(readSet: ReadSet, facts: Map<string, ProvenFact>, writers: Writers, chaincode: string): { check: RuleCheck; definition?: ChaincodeDefinition } {
  if (chaincode !== WELFARE_CHAINCODE) return { check: fail('rule-version', `the decision ran chaincode ${chaincode}, not ${WELFARE_CHAINCODE}: its rules are not the welfare rules`) };
  const read = readSet.reads.find((r) => r.namespace === LIFECYCLE_NAMESPACE && r.key === sequenceKey(chaincode));
  if (!read?.version || !facts.has(`${LIFECYCLE_NAMESPACE}\u0001${read.key}`)) {
    return { check: fail('rule-version', `the decision's read set does not prove which definition of ${chaincode} was in effect`) };
  }
  let definition: ChaincodeDefinition;
  try {
    definition = definitionWritten(writers.writesAt(read.version), chaincode);
  } catch (err) {
    return { check: fail('rule-version', (err as Error).message) };
  }
  const named = `${chaincode} sequence ${definition.sequence}, version ${definition.version} (${versionText(read.version)})`;
  if (readSet.chaincode.version !== definition.version) {
    return { check: fail('rule-version', `the endorsers ran ${chaincode} version ${readSet.chaincode.version}, not the definition in effect, ${named}`), definition };
  }
  if (!definition.rulesVersion || !RELEASED_RULES.has(definition.rulesVersion)) {
    return { check: fail('rule-version', `${named} names rules ${definition.rulesVersion ?? '(none)'}, not a released rules version this verifier holds (${[...RELEASED_RULES.keys()].join(', ')})`), definition };
  }
  return { check: pass('rule-version', `definition in effect: ${named}, rules ${definition.rulesVersion}`), definition };
}

/**
 * The submitting system, when the chaincode looked it up in the registry (a system's own
 * certificate): its record at commit must be ACTIVE, of the submitting org, and — when the
 * registry holds a fingerprint — registered for the very certificate that signed.
 */
function checkCaller(facts: Map<string, ProvenFact>, chaincode: string, creator: SerializedIdentity): RuleCheck {
  const prefix = `${chaincode}\u0001${compositeKey('system')}`;
  const systems = [...facts.entries()].filter(([key]) => key.startsWith(prefix)).map(([, fact]) => fact);
  const certificate = new X509Certificate(creator.certificatePem);
  const claimedSystem = systemAttribute(certificate);
  if (systems.length === 0) {
    if (claimedSystem) return fail('caller', `the certificate names system ${claimedSystem}, but the decision never looked it up in the registry`);
    return pass('caller', `submitted by an identity of ${creator.mspId} that names no registered system`);
  }
  if (systems.length > 1) return fail('caller', 'the decision read more than one system record');
  const { value, version } = systems[0];
  const system = value as SystemRecord | null;
  if (!system) return fail('caller', 'the submitting system was not in the registry at commit');
  if (system.systemId !== claimedSystem) return fail('caller', `the registry record read is system ${system.systemId}, the certificate names ${claimedSystem ?? 'none'}`);
  const fingerprint = createHash('sha256').update(certificate.raw).digest('hex');
  if (system.status !== 'ACTIVE' || system.org !== creator.mspId || (system.certFingerprint !== null && system.certFingerprint !== fingerprint)) {
    return fail('caller', `system ${system.systemId} at commit (${versionText(version)}) is ${system.status} of ${system.org}, not an ACTIVE system of ${creator.mspId} with this certificate`);
  }
  return pass('caller', `submitted by system ${system.systemId} (${system.roles.join(', ')}), ACTIVE in the registry at commit, ${versionText(version)}${system.certFingerprint ? ', its registered certificate' : ''}`);
}

/**
 * The `welfare.systemId` attribute Fabric CA wrote into the certificate: its attribute extension
 * (OID 1.2.3.4.5.6.7.8.1) holds JSON `{"attrs":{...}}`, found in the DER as is.
 */
function systemAttribute(certificate: X509Certificate): string | null {
  const match = /\{"attrs":\{[^{}]*\}\}/.exec(certificate.raw.toString('latin1'));
  if (!match) return null;
  try {
    const value = (JSON.parse(match[0]) as { attrs: Record<string, unknown> }).attrs['welfare.systemId'];
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}

function printable(key: string): string {
  return key.replace(/^\u0000/, '').replace(/\u0000$/, '').split('\u0000').join('/');
}

/** Prints a rule verification: one line per check, then each decision in an auditor's words, then the verdict. */
export function formatRuleVerification(result: RuleVerification): string[] {
  const width = Math.max(...result.checks.map((c) => c.check.length));
  const lines = result.checks.map((c) => `${c.ok ? 'ok    ' : 'FAILED'}  ${c.check.padEnd(width)}  ${c.detail}`);
  if (result.consistent && result.outcome) lines.push('', ...result.outcome.explanations.map((e) => `  ${e}`), '');
  const subject = result.decision?.subject;
  const what = subject ? `transaction ${subject.txId} (block ${subject.blockNumber})` : 'the rule proof';
  const failed = result.checks.filter((c) => !c.ok);
  if (failed.length > 0) {
    lines.push(`NOT VERIFIED: ${what}: ${failed.length} check${failed.length === 1 ? '' : 's'} failed (${failed.map((c) => c.check).join(', ')})`);
  } else if (!result.anchored) {
    lines.push(`CONSISTENT, NOT VERIFIED: ${what}: no trust anchor, so nothing ties the proof to your channel (run \`welfare-ledger trust init <genesis block>\`)`);
  } else {
    const d = result.definition!;
    lines.push(`VERIFIED: ${what} followed ${d.rulesVersion} (${d.name} sequence ${d.sequence}, version ${d.version}): ${result.outcome!.explanations.length} decision${result.outcome!.explanations.length === 1 ? '' : 's'} re-run on proven facts`);
  }
  return lines;
}
