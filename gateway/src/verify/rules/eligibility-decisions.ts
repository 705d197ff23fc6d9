/**
 * Re-runs an eligibility decision (grant, suspend, reinstate, revoke, transfer of district) on
 * the proven record as it stood, and for a grant the programme and the death registry, and
 * requires the one record written. A transition the rules refuse (e.g. a reinstatement of
 * someone recorded dead) could not have been committed: a proof of one is refused.
 */
import type { z } from 'zod';
import { canonicalJson, grantImportSchema, grantSchema, reinstateSchema, revokeSchema, suspendSchema, transferSchema, eligibilityKey, type Death, type Eligibility, type Programme } from '@welfare-ledger/chaincode/lib';
import { decisionInput } from './decision-input';
import { compositeKey, DecisionMismatch, required, requireWritten, type DecisionInputs, type DecisionOutcome } from './payment-decisions';
import { versionText } from './read-set';
import type { PaymentRules } from './rule-versions';

type Input = { subjectRef: string; programmeId: string; [field: string]: unknown };
type Change = (inputs: DecisionInputs, input: Input, current: Eligibility | null) => { next: Eligibility; facts: string[] };

const CHANGES: Record<string, Change> = {
  'eligibility:Grant': (inputs, input, current) => {
    const programme = required(inputs, 'programme', input.programmeId);
    const death = required(inputs, 'death', input.subjectRef);
    const grantInput = input as Parameters<PaymentRules['grant']>[1];
    const next = rerun(() => inputs.rules.grant(current, grantInput, programme.value as Programme | null, death.value as Death | null, inputs.stamp));
    const checks = grantInput.checks.map((c) => `${c.check} ${c.result}`).join(', ');
    return { next, facts: [`programme ${input.programmeId} exists, ${versionText(programme.version)}`, death.value ? 'a death is recorded' : 'no death record at commit', `checks ${checks}`] };
  },
  'eligibility:Suspend': (inputs, input, current) => ({ next: rerun(() => inputs.rules.suspend(current, input as never, inputs.stamp)), facts: [] }),
  'eligibility:Reinstate': (inputs, input, current) => {
    const death = required(inputs, 'death', input.subjectRef);
    return { next: rerun(() => inputs.rules.reinstate(current, input as never, death.value as Death | null, inputs.stamp)), facts: [death.value ? 'a death is recorded' : 'no death record at commit'] };
  },
  'eligibility:Revoke': (inputs, input, current) => ({ next: rerun(() => inputs.rules.revoke(current, input as never, inputs.stamp)), facts: [] }),
  'eligibility:TransferDistrict': (inputs, input, current) => ({ next: rerun(() => inputs.rules.transferDistrict(current, input as never, inputs.stamp)), facts: [] }),
};

/** Each decision's argument schema, as the chaincode parses it. */
const INPUTS: Record<string, z.ZodType<unknown>> = {
  'eligibility:Grant': grantSchema,
  'eligibility:Suspend': suspendSchema,
  'eligibility:Reinstate': reinstateSchema,
  'eligibility:Revoke': revokeSchema,
  'eligibility:TransferDistrict': transferSchema,
};

export const ELIGIBILITY_DECISIONS: Record<string, (inputs: DecisionInputs) => DecisionOutcome> = {
  ...Object.fromEntries(Object.entries(CHANGES).map(([rule, change]) => [rule, (inputs: DecisionInputs) => rerunChange(rule, change, inputs)])),
  'eligibility:GrantMany': rerunImport,
};

function rerunChange(rule: string, change: Change, inputs: DecisionInputs): DecisionOutcome {
  const input = decisionInput(INPUTS[rule], inputs.args[0]) as Input;
  const expected = new Map<string, string>();
  const explanation = rerunOne(change, inputs, input, expected);
  requireWritten(inputs.written, expected);
  return { rule, explanations: [explanation] };
}

/** An import: every grant re-run as a single grant would be, together writing exactly what the transaction wrote. */
function rerunImport(inputs: DecisionInputs): DecisionOutcome {
  const { grants } = decisionInput(grantImportSchema, inputs.args[0]);
  const expected = new Map<string, string>();
  const explanations = grants.map((grant, i) => `grants[${i}]: ${rerunOne(CHANGES['eligibility:Grant'], inputs, grant as Input, expected)}`);
  requireWritten(inputs.written, expected);
  return { rule: 'eligibility:GrantMany', explanations };
}

/** Re-runs one change on its proven facts, adds the records it writes to `expected`, and explains it. */
function rerunOne(change: Change, inputs: DecisionInputs, input: Input, expected: Map<string, string>): string {
  const current = required(inputs, 'eligibility', ...eligibilityKey(input.subjectRef, input.programmeId));
  const { next, facts } = change(inputs, input, current.value as Eligibility | null);
  expected.set(compositeKey('eligibility', ...eligibilityKey(input.subjectRef, input.programmeId)), canonicalJson(next));
  // A new eligibility also lists the programme under the subject (the death registry reads that list).
  if (!current.value) expected.set(compositeKey('subjectProgramme', input.subjectRef, input.programmeId), canonicalJson({ subjectRef: input.subjectRef, programmeId: input.programmeId }));
  const was = current.value ? `${(current.value as Eligibility).status}, ${versionText(current.version)}` : 'no eligibility at commit';
  const now = `${next.status}${next.reason ? ` (${next.reason})` : ''} from ${next.validFrom}${next.validTo ? ` to ${next.validTo}` : ''}, district ${next.districtCode}`;
  return `${next.lastAction} of ${input.programmeId}: was ${was}; ${[...facts, `now ${now}`].join('; ')}`;
}

/** A rule that refuses the change means the committed transaction did not follow it. */
function rerun<T>(decide: () => T): T {
  try {
    return decide();
  } catch (err) {
    if (err instanceof DecisionMismatch) throw err;
    throw new DecisionMismatch(`the rules refuse this change (${(err as Error).message}), yet it was committed`);
  }
}
