/**
 * Assembles a rule proof: the decision's own bundle, and for every version its read set names
 * (the chaincode's facts and the `_lifecycle` definition in effect) the bundle of the transaction
 * at that block and position — ending at its own block, since the orderers' signature on that
 * block already proves it. Keys read as absent need nothing more than the decision's read set.
 */
import { badRequest } from '../errors';
import type { ProofBundle } from '../verify/bundle';
import { fromBase64 } from '../verify/bytes';
import { decodeTransaction } from '../verify/fabric/transaction';
import { readSetOf, type KeyRead, type Version } from '../verify/rules/read-set';
import { RULE_PROOF_FORMAT, RULE_PROOF_VERSION, type RuleProof } from '../verify/rules/rule-proof';
import { transactionBundle, type ProofSources } from './transaction-bundle';

/** A rule proof holds at most this many writer bundles (a 5,000-line batch of distinct subjects reads more: ask per line). */
export const MAX_WRITERS = 2_000;
const PARALLEL_FETCHES = 4;

export async function ruleProofBundle(sources: ProofSources, txId: string): Promise<RuleProof> {
  const { bundle } = await transactionBundle(sources, txId);
  const readSet = readSetOf(fromBase64(bundle.transaction.envelope));
  const reads = [...readSet.reads, ...readSet.ranges.flatMap((r) => r.rawReads ?? [])];
  const byVersion = new Map<string, { version: Version; keys: KeyRead[] }>();
  for (const read of reads) {
    if (!read.version) continue;
    const id = `${read.version.block}:${read.version.tx}`;
    const entry = byVersion.get(id) ?? { version: read.version, keys: [] };
    entry.keys.push(read);
    byVersion.set(id, entry);
  }
  if (byVersion.size > MAX_WRITERS) throw badRequest(`the transaction read ${byVersion.size} versions; a rule proof holds at most ${MAX_WRITERS}`);
  const entries = [...byVersion.values()];
  const writers: ProofBundle[] = [];
  for (let i = 0; i < entries.length; i += PARALLEL_FETCHES) {
    writers.push(...(await Promise.all(entries.slice(i, i + PARALLEL_FETCHES).map((e) => writerBundle(sources, e.version, e.keys)))));
  }
  return { format: RULE_PROOF_FORMAT, version: RULE_PROOF_VERSION, decision: bundle, writers };
}

/** The bundle of the transaction at `version`, claiming the keys the decision read from it (those whose value is text). */
async function writerBundle(sources: ProofSources, version: Version, read: KeyRead[]): Promise<ProofBundle> {
  const block = await sources.queries.blockByNumber(version.block);
  const envelope = block.getData()?.getDataList_asU8()[version.tx];
  if (!envelope) throw new Error(`block ${version.block} has no transaction ${version.tx}`);
  const { bundle, transaction } = await transactionBundle(sources, decodeTransaction(envelope).txId, { tip: version.block });
  const writes = transaction.actions.flatMap((a) => a.writes);
  const claims = writes
    .filter((w) => !w.isDelete && read.some((r) => r.namespace === w.namespace && r.key === w.key))
    .filter((w) => Buffer.from(w.value.toString('utf8'), 'utf8').equals(w.value))
    .map((w) => ({ namespace: w.namespace, key: w.key, value: w.value.toString('utf8') }));
  return { ...bundle, claims: claims.length ? claims : bundle.claims };
}
