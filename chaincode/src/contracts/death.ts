import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { canonicalJson } from '../lib/canonical-json';
import { LedgerError } from '../lib/ledger-error';
import { deathSchema, pseudonymRef } from '../lib/inputs';
import { arg, parseJsonArg } from '../model/validate';
import type { DisbursementLine } from '../lib/records';
import { deathToRecord, linesPaidAfterDeath, overpaymentFor, periodsAfterDeath } from '../rules/death';
import { suspendForDeath } from '../rules/eligibility';
import { requireMember, requireWriter } from '../rules/roles';
import { Ledger } from '../state/ledger';
import { eligibilitiesOf, paidPeriodsOf } from '../state/subject';
import { callerOf, stampOf } from './caller';

/** The death registry feed: a recorded death stops benefits and flags payments made after it. */
@Info({ title: 'death', description: 'Death registry' })
export class DeathContract extends Contract {
  constructor() {
    super('death');
  }

  /**
   * Records a death and, in the same transaction, suspends every ACTIVE eligibility of the
   * subject (reason DECEASED) and opens an overpayment for every payment already made for a
   * period after the month of death. Returns the Death record; the side effects are in the event.
   */
  @Transaction()
  @Returns('string')
  async RecordDeath(ctx: Context, deathJson: string): Promise<string> {
    const input = parseJsonArg(deathJson, deathSchema, 'death');
    const caller = await callerOf(ctx);
    requireWriter(caller, 'deaths');
    const ledger = new Ledger(ctx.stub);
    const stamp = stampOf(ledger, caller);
    const existing = await ledger.get('death', input.subjectRef);
    const death = deathToRecord(existing, input, stamp);
    if (!death) return canonicalJson(existing);

    await ledger.put('death', death);
    const eligibilities = await eligibilitiesOf(ledger, input.subjectRef);
    for (const eligibility of eligibilities) {
      const suspended = suspendForDeath(eligibility, death, stamp);
      if (suspended) await ledger.put('eligibility', suspended);
    }
    // Only a programme the subject has an eligibility for can have paid them.
    const programmeIds = eligibilities.map((eligibility) => eligibility.programmeId);
    const paid = await paidPeriodsOf(ledger, input.subjectRef, programmeIds, periodsAfterDeath(death, stamp.now));
    for (const lineId of linesPaidAfterDeath(paid, death)) {
      // A paying line always exists and always has an integer amount.
      const line = (await ledger.get('line', lineId)) as DisbursementLine & { amountFen: number };
      await ledger.put('overpayment', overpaymentFor(line, death, stamp));
    }
    ledger.publish();
    return canonicalJson(death);
  }

  @Transaction(false)
  @Returns('string')
  async ReadDeath(ctx: Context, subject: string): Promise<string> {
    requireMember(await callerOf(ctx));
    const death = await new Ledger(ctx.stub).get('death', arg(pseudonymRef, subject, 'subjectRef'));
    if (!death) throw new LedgerError('NOT_FOUND', 'no death is recorded for this subject');
    return canonicalJson(death);
  }
}
