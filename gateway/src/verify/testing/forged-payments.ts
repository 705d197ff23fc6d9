/**
 * Test helper: a forged ledger of payment decisions, for rule proofs. On a ForgedNetwork it
 * commits a chaincode definition through `_lifecycle`, programmes, eligibilities and deaths
 * (each its own block), then a payment decision whose read set names the versions it saw and
 * whose writes are what the chaincode's rules give — or, for the forgeries, what the test says
 * (a read dropped, an outcome altered, another rules version), every part re-signed with keys
 * the forger holds, so each forgery is internally consistent.
 */
import { ledger, peer } from '@hyperledger/fabric-protos';
import {
  batchContentHash,
  batchLines,
  batchRecord,
  canonicalJson,
  checkBatch,
  checkLine,
  deathToRecord,
  eligibilityKey,
  linesPaidAfterDeath,
  needsDeathRecord,
  paidPeriodKey,
  periodsAfterDeath,
  overpaymentFor,
  suspendForDeath,
  emptyPaidPeriod,
  lineRecord,
  RULES_VERSION,
  withPostedLine,
  type Death,
  type DisbursementLine,
  type Eligibility,
  type LineFacts,
  type PaidPeriod,
  type Programme,
  type Stamp,
  type SubjectProgramme,
  type SubmittedLine,
} from '@welfare-ledger/chaincode/lib';
import { createHash, randomBytes } from 'node:crypto';
import type { ProofBundle } from '../bundle';
import { decodeTransaction } from '../fabric/transaction';
import { compositeKey } from '../rules/payment-decisions';
import { kvRead, merkleSummaryOf } from '../rules/range-reads';
import { RULE_PROOF_FORMAT, RULE_PROOF_VERSION, type RuleProof } from '../rules/rule-proof';
import { sequenceKey } from '../rules/rule-versions';
import { ForgedNetwork, type ForgedRead, type Identity } from './forged-network';

export const CHAINCODE = 'welfare';
export const PACKAGE_HASH = '9cfc03a24c3c';
export const DEFINITION_VERSION = `${PACKAGE_HASH}+${RULES_VERSION}`;
export const DECIDED_AT = new Date(Date.UTC(2026, 9, 20, 2, 0, 0));

export type Version = [number, number];

export interface DecisionOptions {
  /** Leaves this key out of the read set (a fact the decision did not prove). */
  dropRead?: string;
  /** Rewrites what the decision writes, after the rules computed it. */
  alterWrites?: (writes: Map<string, string>) => void;
  /** The chaincode version the endorsers name (default: the definition's). */
  chaincodeVersion?: string;
  /** Range reads the decision makes instead of reading the keys they cover one by one (a batch's facts). */
  ranges?: RangeSpec[];
}

/**
 * A range read from `firstKey` to `lastKey` (included), as the chaincode's batch makes it:
 * exhausted unless `stoppedAt` names the last key read before the chaincode stopped; kept raw,
 * or `summarised` as Merkle hashes the proof does not list (the decision then reads the keys it
 * covers one by one, unless `pointReads` is false).
 */
export interface RangeSpec {
  firstKey: string;
  lastKey: string;
  stoppedAt?: string;
  summarised?: boolean;
  pointReads?: boolean;
}

export class ForgedPayments {
  readonly net = new ForgedNetwork();
  /** Each key's current version and value, as a peer's world state would hold them. */
  private readonly state = new Map<string, { version: Version; value: string }>();
  private readonly civilAffairs: Identity;
  private readonly finance: Identity;
  definitionVersion: Version = [0, 0];

  constructor(readonly label = DEFINITION_VERSION) {
    this.civilAffairs = this.net.clients.get('CivilAffairsMSP')!;
    this.finance = this.net.clients.get('FinanceMSP')!;
    this.commitDefinition(label, 1);
  }

  /** A `_lifecycle` commit of the chaincode definition, endorsed as LifecycleEndorsement requires. */
  commitDefinition(label: string, sequence: number): Version {
    const sequenceData = new peer.lifecycle.StateData();
    sequenceData.setInt64(sequence);
    const info = new peer.lifecycle.ChaincodeEndorsementInfo();
    info.setVersion(label);
    info.setEndorsementPlugin('escc');
    const infoData = new peer.lifecycle.StateData();
    infoData.setBytes(info.serializeBinary());
    const tx = this.net.transaction({
      creator: this.net.admins.get('CivilAffairsMSP')!,
      chaincode: '_lifecycle',
      args: ['CommitChaincodeDefinition', ''],
      writes: [
        { key: sequenceKey(CHAINCODE), value: sequenceData.serializeBinary() },
        { key: `namespaces/fields/${CHAINCODE}/EndorsementInfo`, value: infoData.serializeBinary() },
      ],
    });
    const { number } = this.net.appendBlock([tx.envelope]);
    this.definitionVersion = [number, 0];
    return this.definitionVersion;
  }

  /** Records written by Civil Affairs in one transaction of their own block. */
  put(records: Array<[string, unknown]>): Version {
    const writes = records.map(([key, record]) => ({ key, value: canonicalJson(record) }));
    const tx = this.net.transaction({ creator: this.civilAffairs, writes, args: ['forged:Put', '{}'] });
    const { number } = this.net.appendBlock([tx.envelope]);
    for (const w of writes) this.state.set(w.key, { version: [number, 0], value: w.value });
    return [number, 0];
  }

  /** Makes world state hold `key` at `version` without writing it (a forger's read set naming a transaction that never wrote the key). */
  pretendVersion(key: string, version: Version): void {
    const entry = this.state.get(key);
    if (!entry) throw new Error(`no ${key} to pretend about`);
    this.state.set(key, { ...entry, version });
  }

  programme(id: string, monthlyCapFen: number): Version {
    const record: Programme = { id, nameEn: id, nameZh: id, monthlyCapFen, ownerMsp: 'CivilAffairsMSP', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', txId: 'forged' };
    return this.put([[compositeKey('programme', id), record]]);
  }

  eligibility(subjectRef: string, programmeId: string, status: Eligibility['status'], validFrom = '2026-01-01', reason: string | null = null): Version {
    const record: Eligibility = {
      subjectRef, programmeId, status, validFrom, validTo: null, districtCode: '310101', decisionRef: 'D-1', evidence: [], checks: [],
      reason, lastAction: status === 'ACTIVE' ? 'GRANT' : 'SUSPEND', grantedAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', updatedByMsp: 'CivilAffairsMSP', txId: 'forged',
    };
    const key = compositeKey('eligibility', ...eligibilityKey(subjectRef, programmeId));
    const listed = compositeKey('subjectProgramme', subjectRef, programmeId);
    return this.put(this.state.has(key) ? [[key, record]] : [[key, record], [listed, { subjectRef, programmeId }]]);
  }

  /** A death recorded as RecordDeath does: the subject's ACTIVE eligibilities suspended in the same transaction. */
  death(subjectRef: string, dateOfDeath: string): Version {
    const record: Death = { subjectRef, dateOfDeath, source: 'DEATH-REGISTRY', recordedAt: '2026-06-01T00:00:00.000Z', recordedByMsp: 'CivilAffairsMSP', txId: 'forged' };
    const suspended: Array<[string, unknown]> = [...this.state.entries()]
      .filter(([key]) => key.startsWith(compositeKey('eligibility')) && key.slice(0, -1).endsWith(`\u0000${subjectRef}`))
      .map(([key, entry]) => [key, JSON.parse(entry.value) as Eligibility] as [string, Eligibility])
      .filter(([, eligibility]) => eligibility.status === 'ACTIVE')
      .map(([key, eligibility]) => [key, { ...eligibility, status: 'SUSPENDED', reason: 'DECEASED', lastAction: 'SUSPEND' }]);
    return this.put([[compositeKey('death', subjectRef), record], ...suspended]);
  }

  paid(period: PaidPeriod): Version {
    return this.put([[compositeKey('paidPeriod', ...paidPeriodKey(period.subjectRef, period.programmeId, period.period)), period]]);
  }

  /** Finance posts one line (PostDisbursement); the rules decide; a proof of the decision is returned. */
  postLine(line: SubmittedLine, options: DecisionOptions = {}): RuleProof {
    return this.decide('disbursement:PostDisbursement', line, (stamp, facts) => {
      const decision = checkLine(line, facts(line));
      if (!decision.accepted) throw new Error(`the rules reject the line (${decision.reasonCode}); a single line would not be written`);
      return new Map([
        [compositeKey('line', line.lineId), canonicalJson(lineRecord(line, null, decision, stamp))],
        [compositeKey('paidPeriod', ...paidPeriodKey(line.subjectRef, line.programmeId, line.period)), canonicalJson(withPostedLine(facts(line).paid, { ...line, amountFen: decision.amountFen }))],
      ]);
    }, [compositeKey('line', line.lineId)], [line], options);
  }

  /** Finance posts a batch (PostBatch); every line is decided by the rules, as the chaincode does. */
  postBatch(batch: { batchId: string; programmeId: string; period: string; lines: Array<Omit<SubmittedLine, 'programmeId' | 'period' | 'amountFen'> & { amountFen: number }> }, options: DecisionOptions = {}): RuleProof {
    const lines = batchLines(batch);
    return this.decide('disbursement:PostBatch', batch, (stamp, facts) => {
      const { decisions, paid } = checkBatch(lines, facts);
      const records = lines.map((line, i) => lineRecord(line, batch.batchId, decisions[i], stamp));
      const writes = new Map([[compositeKey('batch', batch.batchId), canonicalJson(batchRecord(batch, batchContentHash(batch), records, stamp))]]);
      for (const record of records) writes.set(compositeKey('line', record.lineId), canonicalJson(record));
      for (const p of paid) writes.set(compositeKey('paidPeriod', ...paidPeriodKey(p.subjectRef, p.programmeId, p.period)), canonicalJson(p));
      return writes;
    }, [compositeKey('batch', batch.batchId), ...lines.map((l) => compositeKey('line', l.lineId))], lines, options);
  }

  /**
   * Civil Affairs records a death (RecordDeath), as the chaincode does: the subject's programmes
   * are one range read (raw, or as Fabric's Merkle summary with `merkleDegree`), the subject's
   * eligibility under each one key, their ACTIVE eligibilities suspended; then each period the
   * rules look at under each programme they were eligible for, one key each, and the lines paid
   * after the month of death flagged as overpayments.
   */
  recordDeath(input: { subjectRef: string; dateOfDeath: string; source: string }, options: DecisionOptions & { merkleDegree?: number } = {}): RuleProof {
    const nonce = randomBytes(24);
    const txId = createHash('sha256').update(nonce).update(this.civilAffairs.bytes).digest('hex');
    const stamp: Stamp = { now: DECIDED_AT.toISOString(), txId, msp: 'CivilAffairsMSP' };
    const death = deathToRecord(null, input, stamp)!;
    const writes = new Map([[compositeKey('death', input.subjectRef), canonicalJson(death)]]);
    const reads: ForgedRead[] = [{ namespace: '_lifecycle', key: sequenceKey(CHAINCODE), version: this.definitionVersion }, { key: compositeKey('death', input.subjectRef), version: null }];
    const ranges: ledger.rwset.kvrwset.RangeQueryInfo[] = [];
    const rangeResults: NonNullable<RuleProof['rangeResults']> = [];
    const rangeVersions: Version[] = [];
    const rangeOf = (table: string) => {
      const startKey = compositeKey(table, input.subjectRef);
      const found = [...this.state.entries()].filter(([key]) => key.startsWith(startKey)).sort(([a], [b]) => (a < b ? -1 : 1));
      const listed = found.map(([key, entry]) => ({ namespace: CHAINCODE, key, version: { block: entry.version[0], tx: entry.version[1] } }));
      rangeVersions.push(...found.map(([, entry]) => entry.version));
      const info = new ledger.rwset.kvrwset.RangeQueryInfo();
      info.setStartKey(startKey);
      info.setEndKey(`${startKey}\u{10ffff}`);
      info.setItrExhausted(true);
      if (options.merkleDegree && listed.length > options.merkleDegree) {
        const summary = merkleSummaryOf(listed, options.merkleDegree);
        const merkle = new ledger.rwset.kvrwset.QueryReadsMerkleSummary();
        merkle.setMaxDegree(summary.maxDegree);
        merkle.setMaxLevel(summary.maxLevel);
        merkle.setMaxLevelHashesList(summary.maxLevelHashes);
        info.setReadsMerkleHashes(merkle);
        rangeResults.push({ namespace: CHAINCODE, startKey, endKey: info.getEndKey(), reads: listed.map(({ key, version }) => ({ key, version })) });
      } else {
        const raw = new ledger.rwset.kvrwset.QueryReads();
        raw.setKvReadsList(listed.map(kvRead));
        info.setRawReads(raw);
      }
      ranges.push(info);
      return found.map(([, entry]) => JSON.parse(entry.value));
    };
    const read = <T>(key: string): T | null => {
      const entry = this.state.get(key);
      reads.push({ key, version: entry?.version ?? null });
      return entry ? (JSON.parse(entry.value) as T) : null;
    };
    const eligibilities: Eligibility[] = [];
    for (const { programmeId } of rangeOf('subjectProgramme') as SubjectProgramme[]) {
      const eligibility = read<Eligibility>(compositeKey('eligibility', ...eligibilityKey(input.subjectRef, programmeId)));
      if (!eligibility) continue;
      eligibilities.push(eligibility);
      const suspended = suspendForDeath(eligibility, death, stamp);
      if (suspended) writes.set(compositeKey('eligibility', ...eligibilityKey(eligibility.subjectRef, eligibility.programmeId)), canonicalJson(suspended));
    }
    const periods = periodsAfterDeath(death, stamp.now);
    const paid = eligibilities.flatMap((e) => periods.map((period) => read<PaidPeriod>(compositeKey('paidPeriod', ...paidPeriodKey(input.subjectRef, e.programmeId, period)))));
    for (const lineId of linesPaidAfterDeath(paid.filter((p): p is PaidPeriod => p !== null), death)) {
      const line = read<DisbursementLine & { amountFen: number }>(compositeKey('line', lineId))!;
      writes.set(compositeKey('overpayment', line.subjectRef, lineId), canonicalJson(overpaymentFor(line, death, stamp)));
    }
    options.alterWrites?.(writes);
    const tx = this.net.transaction({
      creator: this.civilAffairs, nonce, args: ['death:RecordDeath', JSON.stringify(input)], timestamp: DECIDED_AT,
      reads: reads.filter((r) => r.key !== options.dropRead), ranges, writes: [...writes].map(([key, value]) => ({ key, value })), chaincodeVersion: this.label,
    });
    return { ...this.proofOf(tx.envelope, writes, reads, rangeVersions), ...(rangeResults.length ? { rangeResults } : {}) };
  }

  /** The current value of a key (null when absent), as a decision would read it. */
  read<T>(key: string): T | null {
    const entry = this.state.get(key);
    return entry ? (JSON.parse(entry.value) as T) : null;
  }

  /** Civil Affairs submits `fn(input)`, having read `readKeys`, writing `writes` (the test computes them, e.g. with the rules). */
  civilAffairsDecision(fn: string, input: unknown, readKeys: string[], writes: (stamp: Stamp) => Map<string, string>): RuleProof {
    const nonce = randomBytes(24);
    const txId = createHash('sha256').update(nonce).update(this.civilAffairs.bytes).digest('hex');
    const computed = writes({ now: DECIDED_AT.toISOString(), txId, msp: 'CivilAffairsMSP' });
    const reads: ForgedRead[] = [
      { namespace: '_lifecycle', key: sequenceKey(CHAINCODE), version: this.definitionVersion },
      ...readKeys.map((key) => ({ key, version: this.state.get(key)?.version ?? null })),
    ];
    const tx = this.net.transaction({
      creator: this.civilAffairs, nonce, args: [fn, JSON.stringify(input)], timestamp: DECIDED_AT, reads,
      writes: [...computed].map(([key, value]) => ({ key, value })), chaincodeVersion: this.label,
    });
    return this.proofOf(tx.envelope, computed, reads);
  }

  /** Orders the decision, updates state and assembles its rule proof with the bundle of every version read. */
  private proofOf(envelope: Uint8Array, writes: Map<string, string>, reads: ForgedRead[], moreVersions: Version[] = []): RuleProof {
    const { number } = this.net.appendBlock([envelope]);
    for (const [key, value] of writes) this.state.set(key, { version: [number, 0], value });
    const decision = this.net.bundle(number, [...writes].slice(0, 1).map(([key, value]) => ({ namespace: CHAINCODE, key, value })));
    const writers = new Map<string, ProofBundle>();
    for (const version of [...reads.map((r) => r.version), ...moreVersions]) {
      if (version && !writers.has(version.join(':'))) writers.set(version.join(':'), this.writerBundle(version));
    }
    return { format: RULE_PROOF_FORMAT, version: RULE_PROOF_VERSION, decision, writers: [...writers.values()] };
  }

  private decide(
    fn: string,
    input: unknown,
    rules: (stamp: Stamp, facts: (line: SubmittedLine) => LineFacts) => Map<string, string>,
    idKeys: string[],
    lines: SubmittedLine[],
    options: DecisionOptions,
  ): RuleProof {
    const nonce = randomBytes(24);
    const txId = createHash('sha256').update(nonce).update(this.finance.bytes).digest('hex');
    const stamp: Stamp = { now: DECIDED_AT.toISOString(), txId, msp: 'FinanceMSP' };
    const readKeys = new Set(idKeys);
    const facts = (line: SubmittedLine): LineFacts => {
      const get = <T>(key: string): T | null => {
        readKeys.add(key);
        const entry = this.state.get(key);
        return entry ? (JSON.parse(entry.value) as T) : null;
      };
      const programme = get<Programme>(compositeKey('programme', line.programmeId));
      const empty = emptyPaidPeriod(line.subjectRef, line.programmeId, line.period);
      if (!programme) return { programme, eligibility: null, death: null, paid: empty };
      const eligibility = get<Eligibility>(compositeKey('eligibility', ...eligibilityKey(line.subjectRef, line.programmeId)));
      return {
        programme,
        eligibility,
        death: needsDeathRecord(eligibility) ? get<Death>(compositeKey('death', line.subjectRef)) : null,
        paid: get<PaidPeriod>(compositeKey('paidPeriod', ...paidPeriodKey(line.subjectRef, line.programmeId, line.period))) ?? empty,
      };
    };
    for (const line of lines) facts(line);
    const writes = rules(stamp, facts);
    options.alterWrites?.(writes);
    const { ranges, covered, versions } = this.rangeReads(options.ranges ?? []);
    const reads: ForgedRead[] = [
      { namespace: '_lifecycle', key: sequenceKey(CHAINCODE), version: this.definitionVersion },
      ...[...readKeys].filter((key) => key !== options.dropRead && !covered(key)).map((key) => ({ key, version: this.state.get(key)?.version ?? null })),
    ];
    const tx = this.net.transaction({
      creator: this.finance,
      nonce,
      args: [fn, JSON.stringify(input)],
      timestamp: DECIDED_AT,
      reads,
      ranges,
      writes: [...writes].map(([key, value]) => ({ key, value })),
      chaincodeVersion: options.chaincodeVersion ?? this.label,
    });
    return this.proofOf(tx.envelope, writes, reads, versions);
  }

  /** The range reads' read-set entries, the keys they stand in for, and the versions they return. */
  private rangeReads(specs: RangeSpec[]): { ranges: ledger.rwset.kvrwset.RangeQueryInfo[]; covered: (key: string) => boolean; versions: Version[] } {
    const ranges: ledger.rwset.kvrwset.RangeQueryInfo[] = [];
    const covering: RangeSpec[] = [];
    const versions: Version[] = [];
    for (const spec of specs) {
      const last = spec.stoppedAt ?? spec.lastKey;
      const found = [...this.state.entries()].filter(([key]) => key >= spec.firstKey && key <= last).sort(([a], [b]) => (a < b ? -1 : 1));
      const listed = found.map(([key, entry]) => ({ namespace: CHAINCODE, key, version: { block: entry.version[0], tx: entry.version[1] } }));
      const info = new ledger.rwset.kvrwset.RangeQueryInfo();
      info.setStartKey(spec.firstKey);
      info.setEndKey(spec.stoppedAt ?? `${spec.lastKey}\u0000`);
      info.setItrExhausted(spec.stoppedAt === undefined);
      if (spec.summarised) {
        const summary = merkleSummaryOf(listed, 1);
        const merkle = new ledger.rwset.kvrwset.QueryReadsMerkleSummary();
        merkle.setMaxDegree(summary.maxDegree);
        merkle.setMaxLevel(summary.maxLevel);
        merkle.setMaxLevelHashesList(summary.maxLevelHashes);
        info.setReadsMerkleHashes(merkle);
      } else if (listed.length > 0) {
        // As Fabric: a range that returned nothing has neither raw reads nor a summary.
        const raw = new ledger.rwset.kvrwset.QueryReads();
        raw.setKvReadsList(listed.map(kvRead));
        info.setRawReads(raw);
        versions.push(...found.map(([, entry]) => entry.version));
      }
      ranges.push(info);
      if (spec.summarised && spec.pointReads !== false) continue;
      covering.push(spec);
    }
    const covered = (key: string) => covering.some((spec) => key >= spec.firstKey && key <= spec.lastKey);
    return { ranges, covered, versions };
  }

  /** The bundle of the transaction at `version`, claiming its first write. */
  writerBundle([block, tx]: Version): ProofBundle {
    const envelope = this.net.blocks[block].getData()!.getDataList_asU8()[tx];
    const namespaceWrites = writesOf(envelope);
    return this.net.bundle(block, namespaceWrites.slice(0, 1), tx);
  }

}

function writesOf(envelope: Uint8Array): Array<{ namespace: string; key: string; value: string }> {
  return decodeTransaction(envelope).actions.flatMap((a) => a.writes.map((w) => ({ namespace: w.namespace, key: w.key, value: w.value.toString('utf8') })));
}
