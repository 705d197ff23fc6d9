/**
 * Re-runs a payment decision on proven facts: the line (or batch) as submitted, read from the
 * endorsed proposal; the programme, eligibility, death record and period payments as the read
 * set fixed them; the transaction's timestamp and submitting org. The outcome must equal, byte
 * for byte, every record the transaction wrote — and it may write nothing else. Each line is
 * told in an auditor's words: which facts, from which block and transaction, decided it.
 */
import { canonicalJson, REASON_CODES, type Death, type Eligibility, type Programme } from '@welfare-ledger/chaincode/lib';
import type { LineDecision, LineFacts, PaidPeriod, Stamp, SubjectProgramme, SubmittedLine } from '@welfare-ledger/chaincode/lib';
import { batchSchema, deathSchema, eligibilityKey, lineSchema, paidPeriodKey } from '@welfare-ledger/chaincode/lib';
import { DecisionMismatch, decisionInput } from './decision-input';
import { versionText, type Version } from './read-set';
import type { PaymentRules } from './rule-versions';

/** A fact as proven: its value at the version read (null: absent), or undefined when the decision never read it. */
export interface ProvenFact {
  value: unknown;
  version: Version | null;
}

export interface ProvenRangeFact extends ProvenFact {
  key: string;
}

export interface DecisionInputs {
  args: string[];
  stamp: Stamp;
  /** The proven fact under a composite key of the chaincode's namespace; undefined when the key was not read. */
  fact(table: string, ...parts: string[]): ProvenFact | undefined;
  /** The proven results of a partial-key range read (every record whose key starts with these parts); undefined when not read. */
  range(table: string, ...parts: string[]): ProvenRangeFact[] | undefined;
  /** What the decision wrote in the chaincode's namespace (key → value). */
  written: Map<string, Buffer>;
  rules: PaymentRules;
}

export interface DecisionOutcome {
  /** The rule that was re-run, e.g. "disbursement:PostBatch". */
  rule: string;
  /** One line per decision, in an auditor's words. */
  explanations: string[];
}

/** The payment rules a rule proof can re-run, by chaincode function. */
export const PAYMENT_DECISIONS: Record<string, (inputs: DecisionInputs) => DecisionOutcome> = {
  'disbursement:PostDisbursement': rerunSingleLine,
  'disbursement:PostBatch': rerunBatch,
  'death:RecordDeath': rerunDeath,
};

/** Why a decision cannot be confirmed (a fact not read, or an outcome that is not what the rules give). */
export { DecisionMismatch };

export function compositeKey(table: string, ...parts: string[]): string {
  return `\u0000${table}\u0000${parts.map((p) => `${p}\u0000`).join('')}`;
}

function rerunSingleLine(inputs: DecisionInputs): DecisionOutcome {
  const line: SubmittedLine = decisionInput(lineSchema, inputs.args[0]);
  requireAbsent(inputs, 'line', line.lineId);
  const { facts, provenance } = lineFacts(inputs, line);
  const decision = inputs.rules.checkLine(line, facts);
  if (!decision.accepted) {
    throw new DecisionMismatch(`the rules reject line ${line.lineId} (${decision.reasonCode}), yet the transaction recorded it: a rejected single line writes nothing`);
  }
  const expected = new Map<string, string>([
    [compositeKey('line', line.lineId), canonicalJson(inputs.rules.lineRecord(line, null, decision, inputs.stamp))],
  ]);
  const paid = inputs.rules.withPostedLine(facts.paid, { lineId: line.lineId, kind: line.kind, amountFen: decision.amountFen });
  expected.set(compositeKey('paidPeriod', ...paidPeriodKey(line.subjectRef, line.programmeId, line.period)), canonicalJson(paid));
  requireWritten(inputs.written, expected);
  return { rule: 'disbursement:PostDisbursement', explanations: [explainLine(line, facts, provenance, decision, inputs.rules)] };
}

function rerunBatch(inputs: DecisionInputs): DecisionOutcome {
  const batch = decisionInput(batchSchema, inputs.args[0]);
  requireAbsent(inputs, 'batch', batch.batchId);
  const lines = inputs.rules.batchLines(batch);
  for (const line of lines) requireAbsent(inputs, 'line', line.lineId);
  const proven = new Map(lines.map((line) => [line.subjectRef, lineFacts(inputs, line)]));
  const { decisions, paid } = inputs.rules.checkBatch(lines, (line) => proven.get(line.subjectRef)!.facts);
  const records = lines.map((line, i) => inputs.rules.lineRecord(line, batch.batchId, decisions[i], inputs.stamp));
  const expected = new Map<string, string>([
    [compositeKey('batch', batch.batchId), canonicalJson(inputs.rules.batchRecord(batch, inputs.rules.batchContentHash(batch), records, inputs.stamp))],
  ]);
  for (const record of records) expected.set(compositeKey('line', record.lineId), canonicalJson(record));
  for (const period of paid) expected.set(compositeKey('paidPeriod', ...paidPeriodKey(period.subjectRef, period.programmeId, period.period)), canonicalJson(period));
  requireWritten(inputs.written, expected);
  // A line sees what earlier lines of the batch paid (the transaction's own writes), as the chaincode does.
  const paidSoFar = new Map<string, PaidPeriod>();
  const explanations = lines.map((line, i) => {
    const { facts, provenance } = proven.get(line.subjectRef)!;
    const earlier = paidSoFar.get(line.subjectRef);
    const text = explainLine(line, earlier ? { ...facts, paid: earlier } : facts, earlier ? { ...provenance, paid: 'earlier lines of this batch' } : provenance, decisions[i], inputs.rules);
    const decision = decisions[i];
    if (decision.accepted) {
      paidSoFar.set(line.subjectRef, inputs.rules.withPostedLine(earlier ?? facts.paid, { lineId: line.lineId, kind: line.kind, amountFen: decision.amountFen }));
    }
    return text;
  });
  return { rule: 'disbursement:PostBatch', explanations };
}

/**
 * A death recorded: the subject's eligibility for every programme they were granted (their
 * programmes, one range read, then one key each) suspended DECEASED when ACTIVE, and every line that paid a period
 * after the month of death (one key per programme they were eligible for and period the rules
 * look at) flagged as an overpayment.
 */
function rerunDeath(inputs: DecisionInputs): DecisionOutcome {
  const input = decisionInput(deathSchema, inputs.args[0]);
  requireAbsent(inputs, 'death', input.subjectRef);
  const death = inputs.rules.deathToRecord(null, input, inputs.stamp)!;
  const expected = new Map<string, string>([[compositeKey('death', input.subjectRef), canonicalJson(death)]]);
  const explanations = [`death of subject ${input.subjectRef.slice(0, 12)}… on ${death.dateOfDeath} (source ${death.source}) recorded: none was recorded at commit`];
  const eligibilities: Eligibility[] = [];
  for (const { value } of requiredRange(inputs, 'subjectProgramme', input.subjectRef)) {
    const { value: found, version } = required(inputs, 'eligibility', ...eligibilityKey(input.subjectRef, (value as SubjectProgramme).programmeId));
    if (!found) continue;
    const eligibility = found as Eligibility;
    eligibilities.push(eligibility);
    const suspended = inputs.rules.suspendForDeath(eligibility, death, inputs.stamp);
    if (suspended) expected.set(compositeKey('eligibility', ...eligibilityKey(eligibility.subjectRef, eligibility.programmeId)), canonicalJson(suspended));
    explanations.push(`eligibility for ${eligibility.programmeId} ${eligibility.status}, ${versionText(version)}: ${suspended ? 'SUSPENDED (DECEASED)' : 'left alone (not ACTIVE)'}`);
  }
  const periods = inputs.rules.periodsAfterDeath(death, inputs.stamp.now);
  const paidPeriods = eligibilities.flatMap((eligibility) =>
    periods.map((period) => required(inputs, 'paidPeriod', ...paidPeriodKey(input.subjectRef, eligibility.programmeId, period)).value as PaidPeriod | null),
  ).filter((paid): paid is PaidPeriod => paid !== null);
  if (periods.length > 0) explanations.push(`periods ${periods[0]} to ${periods[periods.length - 1]} looked up for each programme: ${paidPeriods.length} paid`);
  for (const lineId of inputs.rules.linesPaidAfterDeath(paidPeriods, death)) {
    const line = required(inputs, 'line', lineId).value as Parameters<PaymentRules['overpaymentFor']>[0] | null;
    if (!line) throw new DecisionMismatch(`line ${lineId} of a paid period did not exist at commit`);
    expected.set(compositeKey('overpayment', line.subjectRef, line.lineId), canonicalJson(inputs.rules.overpaymentFor(line, death, inputs.stamp)));
    explanations.push(`line ${lineId} paid ${money(line.amountFen)} for ${line.period}, after the month of death: overpayment OPEN`);
  }
  requireWritten(inputs.written, expected);
  return { rule: 'death:RecordDeath', explanations };
}

function requiredRange(inputs: DecisionInputs, table: string, ...parts: string[]): ProvenRangeFact[] {
  const results = inputs.range(table, ...parts);
  if (!results) throw new DecisionMismatch(`the decision did not read every ${table} of ${parts.join('/')}: the rule's input is not proven`);
  return results;
}

type Provenance = Record<'programme' | 'eligibility' | 'death' | 'paid', string>;

/** The death fact of a line whose checks do not depend on it ('' provenance: not read). */
const NOT_NEEDED: ProvenFact = { value: null, version: null };

/** The facts the line checks read (SPEC §4), each from the proven read set; as the chaincode, nothing past an unknown programme. */
function lineFacts(inputs: DecisionInputs, line: SubmittedLine): { facts: LineFacts; provenance: Provenance } {
  const programme = required(inputs, 'programme', line.programmeId);
  const emptyPaid = inputs.rules.emptyPaidPeriod(line.subjectRef, line.programmeId, line.period);
  if (!programme.value) {
    return { facts: { programme: null, eligibility: null, death: null, paid: emptyPaid }, provenance: { programme: versionText(null), eligibility: '', death: '', paid: '' } };
  }
  const eligibility = required(inputs, 'eligibility', ...eligibilityKey(line.subjectRef, line.programmeId));
  // As the chaincode: the death record only where the checks depend on it (needsDeathRecord).
  const death = inputs.rules.needsDeathRecord((eligibility.value as Eligibility | null) ?? null) ? required(inputs, 'death', line.subjectRef) : NOT_NEEDED;
  const paid = required(inputs, 'paidPeriod', ...paidPeriodKey(line.subjectRef, line.programmeId, line.period));
  return {
    facts: {
      programme: programme.value as Programme,
      eligibility: (eligibility.value as Eligibility | null) ?? null,
      death: (death.value as Death | null) ?? null,
      paid: (paid.value as PaidPeriod | null) ?? emptyPaid,
    },
    provenance: {
      programme: versionText(programme.version),
      eligibility: versionText(eligibility.version),
      death: death === NOT_NEEDED ? '' : versionText(death.version),
      paid: versionText(paid.version),
    },
  };
}

export function required(inputs: DecisionInputs, table: string, ...parts: string[]): ProvenFact {
  const fact = inputs.fact(table, ...parts);
  if (!fact) throw new DecisionMismatch(`the decision did not read ${table} ${parts.join('/')}: the rule's input is not proven`);
  return fact;
}

function requireAbsent(inputs: DecisionInputs, table: string, id: string): void {
  const fact = required(inputs, table, id);
  if (fact.value !== null) throw new DecisionMismatch(`${table} ${id} already existed (${versionText(fact.version)}): a replay, not a decision`);
}

export function requireWritten(written: Map<string, Buffer>, expected: Map<string, string>): void {
  for (const [key, value] of expected) {
    const actual = written.get(key);
    if (!actual) throw new DecisionMismatch(`the rules write ${printable(key)}, the transaction did not`);
    if (actual.toString('utf8') !== value) throw new DecisionMismatch(`the transaction wrote ${printable(key)} as ${clip(actual.toString('utf8'))}; the rules give ${clip(value)}`);
  }
  const extra = [...written.keys()].filter((key) => !expected.has(key));
  if (extra.length > 0) throw new DecisionMismatch(`the transaction also wrote ${extra.map(printable).join(', ')}, which the rules do not`);
}

function explainLine(line: SubmittedLine, facts: LineFacts, from: Provenance, decision: LineDecision, rules: PaymentRules): string {
  const verdict = `line ${line.lineId} (${line.kind}, ${line.period}): ${decision.accepted ? 'POSTED' : `REJECTED ${decision.reasonCode} (${REASON_CODES[decision.reasonCode].summary})`}`;
  const said: string[] = [];
  const { programme, eligibility, death, paid } = facts;
  if (!programme) return `${verdict}: no programme ${line.programmeId} at commit`;
  said.push(`programme ${programme.id}, standard ${money(programme.monthlyCapFen)}, ${from.programme}`);
  const amount = rules.validAmount(line.amountFen);
  if (amount === null) return `${verdict}: ${said.join('; ')}; amount ${JSON.stringify(line.amountFen)} is not a positive whole number of fen`;
  said.push(
    eligibility
      ? `eligibility ${eligibility.status}${eligibility.reason ? ` (${eligibility.reason})` : ''} for ${eligibility.programmeId} from ${eligibility.validFrom}${eligibility.validTo ? ` to ${eligibility.validTo}` : ''}, ${from.eligibility}; ${rules.coversPeriod(eligibility, line.period, death) ? 'covers' : 'does not cover'} ${line.period}`
      : `no eligibility for ${line.programmeId} at commit`,
  );
  said.push(death ? `death recorded on ${death.dateOfDeath}, ${from.death}` : from.death ? 'no death record at commit' : deathNotRead(eligibility));
  said.push(
    paid.lineIds.length === 0
      ? `period ${line.period} not yet paid`
      : `period ${line.period} already paid ${money(paid.paidFen)}${paid.regularLineId ? ` (regular line ${paid.regularLineId})` : ''}, ${from.paid}`,
  );
  const total = paid.paidFen + amount;
  said.push(`${paid.paidFen > 0 ? `${money(paid.paidFen)} + ` : ''}${money(amount)} ${total <= programme.monthlyCapFen ? '≤' : '>'} standard ${money(programme.monthlyCapFen)}`);
  return `${verdict}: ${said.join('; ')}`;
}

/** Why a line's decision did not read the death registry (rules' needsDeathRecord). */
function deathNotRead(eligibility: Eligibility | null): string {
  return eligibility?.status === 'ACTIVE'
    ? 'no death recorded (recording a death suspends every ACTIVE eligibility in the same transaction)'
    : 'death registry not read (not eligible whatever it holds)';
}

/** Fen as yuan with thousands separators: 120000 → "1,200.00". */
export function money(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}

function printable(key: string): string {
  return key.replace(/^\u0000/, '').replace(/\u0000$/, '').split('\u0000').join('/');
}

function clip(text: string): string {
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}
