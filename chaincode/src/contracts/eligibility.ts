import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { canonicalJson } from '../lib/canonical-json';
import { LedgerError } from '../lib/ledger-error';
import type { Eligibility } from '../lib/records';
import { grantImportSchema, grantSchema, ledgerId, type GrantInput, pseudonymRef, reinstateSchema, revokeSchema, suspendSchema, transferSchema } from '../lib/inputs';
import { arg, parseJsonArg } from '../model/validate';
import { grant, reinstate, revoke, suspend, transferDistrict } from '../rules/eligibility';
import { requireMember, requireWriter } from '../rules/roles';
import type { Stamp } from '../rules/stamp';
import { Ledger } from '../state/ledger';
import { eligibilitiesOf } from '../state/subject';
import { eligibilityKey } from '../state/tables';
import { callerOf, stampOf } from './caller';
import { historyPaging } from './paging';

/** Eligibility of a subject for a programme: grant, suspend, reinstate, revoke, transfer district. */
@Info({ title: 'eligibility', description: 'Eligibility decisions per subject and programme' })
export class EligibilityContract extends Contract {
  constructor() {
    super('eligibility');
  }

  @Transaction()
  @Returns('string')
  async Grant(ctx: Context, grantJson: string): Promise<string> {
    const input = parseJsonArg(grantJson, grantSchema, 'grant');
    return this.change(ctx, input, granting(input));
  }

  /**
   * Grants every eligibility of an import in one transaction, each by the same rule as Grant and
   * each its own record; the first grant the rules refuse refuses the whole import (its error names
   * the grant's place in the list) and nothing is written. Answers how many were granted.
   */
  @Transaction()
  @Returns('string')
  async GrantMany(ctx: Context, importJson: string): Promise<string> {
    const { grants } = parseJsonArg(importJson, grantImportSchema, 'import');
    const caller = await callerOf(ctx);
    requireWriter(caller, 'eligibility');
    const ledger = new Ledger(ctx.stub);
    const stamp = stampOf(ledger, caller);
    for (const [i, input] of grants.entries()) await inImport(i, () => applyDecision(ledger, input, granting(input), stamp));
    ledger.publish();
    return canonicalJson({ granted: grants.length });
  }

  @Transaction()
  @Returns('string')
  async Suspend(ctx: Context, suspendJson: string): Promise<string> {
    const input = parseJsonArg(suspendJson, suspendSchema, 'suspension');
    return this.change(ctx, input, async (_ledger, current, stamp) => suspend(current, input, stamp));
  }

  @Transaction()
  @Returns('string')
  async Reinstate(ctx: Context, reinstateJson: string): Promise<string> {
    const input = parseJsonArg(reinstateJson, reinstateSchema, 'reinstatement');
    return this.change(ctx, input, async (ledger, current, stamp) =>
      reinstate(current, input, await ledger.get('death', input.subjectRef), stamp),
    );
  }

  @Transaction()
  @Returns('string')
  async Revoke(ctx: Context, revokeJson: string): Promise<string> {
    const input = parseJsonArg(revokeJson, revokeSchema, 'revocation');
    return this.change(ctx, input, async (_ledger, current, stamp) => revoke(current, input, stamp));
  }

  @Transaction()
  @Returns('string')
  async TransferDistrict(ctx: Context, transferJson: string): Promise<string> {
    const input = parseJsonArg(transferJson, transferSchema, 'transfer');
    return this.change(ctx, input, async (_ledger, current, stamp) => transferDistrict(current, input, stamp));
  }

  @Transaction(false)
  @Returns('string')
  async ReadEligibility(ctx: Context, subject: string, programmeId: string): Promise<string> {
    requireMember(await callerOf(ctx));
    const ledger = new Ledger(ctx.stub);
    const eligibility = await ledger.get('eligibility', ...eligibilityKey(arg(pseudonymRef, subject, 'subjectRef'), arg(ledgerId, programmeId, 'programmeId')));
    if (!eligibility) throw new LedgerError('NOT_FOUND', `no eligibility for this subject in ${programmeId}`);
    return canonicalJson(eligibility);
  }

  /** Every eligibility of a subject, by programme id (the order of their keys). */
  @Transaction(false)
  @Returns('string')
  async ListBySubject(ctx: Context, subject: string): Promise<string> {
    requireMember(await callerOf(ctx));
    const records = await eligibilitiesOf(new Ledger(ctx.stub), arg(pseudonymRef, subject, 'subjectRef'));
    return canonicalJson(records);
  }

  /** Every version of one eligibility, newest first, a page at a time (pageSize '' = 50, bookmark '' = first page). */
  @Transaction(false)
  @Returns('string')
  async History(ctx: Context, subject: string, programmeId: string, pageSize: string, bookmark: string): Promise<string> {
    requireMember(await callerOf(ctx));
    const paging = historyPaging(pageSize, bookmark);
    const parts = eligibilityKey(arg(pseudonymRef, subject, 'subjectRef'), arg(ledgerId, programmeId, 'programmeId'));
    return canonicalJson(await new Ledger(ctx.stub).history('eligibility', parts, paging.pageSize, paging.offset));
  }

  private async change(
    ctx: Context,
    input: { subjectRef: string; programmeId: string },
    decide: Decide,
  ): Promise<string> {
    const caller = await callerOf(ctx);
    requireWriter(caller, 'eligibility');
    const ledger = new Ledger(ctx.stub);
    const next = await applyDecision(ledger, input, decide, stampOf(ledger, caller));
    ledger.publish();
    return canonicalJson(next);
  }
}

type Decide = (ledger: Ledger, current: Eligibility | null, stamp: Stamp) => Promise<Eligibility>;

/** The grant rule, on the programme and the death registry as they stand. */
function granting(input: GrantInput): Decide {
  return async (ledger, current, stamp) => {
    const [programme, death] = await Promise.all([ledger.get('programme', input.programmeId), ledger.get('death', input.subjectRef)]);
    return grant(current, input, programme, death, stamp);
  };
}

/** Reads the eligibility as it stands and writes the one `decide` gives; a new one is also listed under its subject. */
async function applyDecision(ledger: Ledger, input: { subjectRef: string; programmeId: string }, decide: Decide, stamp: Stamp): Promise<Eligibility> {
  const current = await ledger.get('eligibility', ...eligibilityKey(input.subjectRef, input.programmeId));
  const next = await decide(ledger, current, stamp);
  await ledger.put('eligibility', next);
  if (!current) await ledger.put('subjectProgramme', { subjectRef: next.subjectRef, programmeId: next.programmeId });
  return next;
}

/** Runs one grant of an import; a refusal keeps its code and says which grant it was. */
async function inImport<T>(index: number, decide: () => Promise<T>): Promise<T> {
  try {
    return await decide();
  } catch (err) {
    if (!(err instanceof LedgerError)) throw err;
    const message = err.message.replace(/^\[[A-Z_]+\]\s*/, '');
    throw new LedgerError(err.code, `grants[${index}]: ${message}`, { index, ...(err.details as object | undefined) });
  }
}
