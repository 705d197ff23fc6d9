import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { canonicalJson } from '../lib/canonical-json';
import { LedgerError } from '../lib/ledger-error';
import { REASON_CODES } from '../lib/reason-codes';
import type { DisbursementLine } from '../lib/records';
import { batchSchema, ledgerId, lineSchema, pseudonymRef, recoverySchema, settlementSchema } from '../lib/inputs';
import { arg, parseJsonArg } from '../model/validate';
import { batchContentHash, batchLines, batchRecord, checkBatch, replayOrConflict } from '../rules/batch';
import { checkLine, isSameSubmission, lineRecord, type LineFacts } from '../rules/disbursement';
import { withPostedLine, withReturnedLine } from '../rules/payments';
import { requireMember, requireWriter } from '../rules/roles';
import { recover, settle } from '../rules/settlement';
import type { Stamp } from '../rules/stamp';
import { loadLineFacts, prefetchLineFacts } from '../state/facts';
import { Ledger } from '../state/ledger';
import { paidPeriodKey } from '../state/tables';
import { callerOf, stampOf } from './caller';

@Info({ title: 'disbursement', description: 'Disbursement lines and batches, settlement, overpayments' })
export class DisbursementContract extends Contract {
  constructor() {
    super('disbursement');
  }

  /**
   * Posts one line on its own. Unlike a batch, a line that fails a check is refused (the
   * error carries the reason code) and nothing is written. Re-posting the same line returns
   * the stored record.
   */
  @Transaction()
  @Returns('string')
  async PostDisbursement(ctx: Context, lineJson: string): Promise<string> {
    const line = parseJsonArg(lineJson, lineSchema, 'line');
    const caller = await callerOf(ctx);
    requireWriter(caller, 'disbursements');
    const ledger = new Ledger(ctx.stub);
    const stored = await ledger.get('line', line.lineId);
    if (stored) {
      if (!isSameSubmission(stored, line, null)) {
        throw new LedgerError('LINE_CONFLICT', `line ${line.lineId} already exists with different content`);
      }
      return canonicalJson(stored);
    }
    const facts = await loadLineFacts(ledger, line);
    const decision = checkLine(line, facts);
    if (!decision.accepted) {
      throw new LedgerError(decision.reasonCode, `line ${line.lineId}: ${REASON_CODES[decision.reasonCode].summary}`);
    }
    const record = lineRecord(line, null, decision, stampOf(ledger, caller));
    await ledger.put('line', record);
    await ledger.put('paidPeriod', withPostedLine(facts.paid, { ...line, amountFen: decision.amountFen }));
    ledger.publish();
    return canonicalJson(record);
  }

  /**
   * Posts a month's batch for one programme. Every line is checked and recorded, POSTED or
   * REJECTED with one reason code; the batch record carries counts, totals and the content hash.
   * The same batch again returns the first result; other content under the batchId is refused.
   */
  @Transaction()
  @Returns('string')
  async PostBatch(ctx: Context, batchJson: string): Promise<string> {
    const batch = parseJsonArg(batchJson, batchSchema, 'batch');
    const caller = await callerOf(ctx);
    requireWriter(caller, 'disbursements');
    const ledger = new Ledger(ctx.stub);
    const contentHash = batchContentHash(batch);
    const stored = await ledger.get('batch', batch.batchId);
    if (stored) return canonicalJson(replayOrConflict(stored, contentHash));

    const lines = batchLines(batch);
    await ledger.prefetch('line', lines.map((line) => [line.lineId]));
    await refuseExistingLines(ledger, lines.map((line) => line.lineId));
    await prefetchLineFacts(ledger, lines);
    const facts = new Map<string, LineFacts>();
    for (const line of lines) facts.set(line.subjectRef, await loadLineFacts(ledger, line));
    const { decisions, paid } = checkBatch(lines, (line) => facts.get(line.subjectRef)!);

    const stamp = stampOf(ledger, caller);
    const records = lines.map((line, i) => lineRecord(line, batch.batchId, decisions[i], stamp));
    const record = batchRecord(batch, contentHash, records, stamp);
    await ledger.put('batch', record);
    for (const line of records) await ledger.put('line', line);
    for (const period of paid) await ledger.put('paidPeriod', period);
    ledger.publish();
    return canonicalJson(record);
  }

  @Transaction(false)
  @Returns('string')
  async ReadBatch(ctx: Context, batchId: string): Promise<string> {
    requireMember(await callerOf(ctx));
    const batch = await new Ledger(ctx.stub).get('batch', arg(ledgerId, batchId, 'batchId'));
    if (!batch) throw new LedgerError('NOT_FOUND', `batch ${batchId} does not exist`);
    return canonicalJson(batch);
  }

  /**
   * Records the bank's outcome for a POSTED line: SETTLED, or RETURNED (the money came back,
   * so the period counts as unpaid again and an open overpayment on the line is recovered).
   */
  @Transaction()
  @Returns('string')
  async SettleLine(ctx: Context, settlementJson: string): Promise<string> {
    const input = parseJsonArg(settlementJson, settlementSchema, 'settlement');
    const caller = await callerOf(ctx);
    requireWriter(caller, 'disbursements');
    const ledger = new Ledger(ctx.stub);
    const line = await ledger.get('line', input.lineId);
    if (!line) throw new LedgerError('NOT_FOUND', `line ${input.lineId} does not exist`);
    const stamp = stampOf(ledger, caller);
    const settled = settle(line, input, stamp);
    if (!settled) return canonicalJson(line);
    await ledger.put('line', settled);
    if (settled.status === 'RETURNED') await this.giveBack(ledger, settled, stamp);
    ledger.publish();
    return canonicalJson(settled);
  }

  /** Records money recovered for an OPEN overpayment. */
  @Transaction()
  @Returns('string')
  async RecoverOverpayment(ctx: Context, recoveryJson: string): Promise<string> {
    const input = parseJsonArg(recoveryJson, recoverySchema, 'recovery');
    const caller = await callerOf(ctx);
    requireWriter(caller, 'disbursements');
    const ledger = new Ledger(ctx.stub);
    const line = await ledger.get('line', input.lineId);
    const overpayment = line && (await ledger.get('overpayment', line.subjectRef, line.lineId));
    if (!overpayment) throw new LedgerError('NOT_FOUND', `no overpayment for line ${input.lineId}`);
    const recovered = recover(overpayment, input.recoveryRef, input.date, stampOf(ledger, caller));
    if (!recovered) return canonicalJson(overpayment);
    await ledger.put('overpayment', recovered);
    ledger.publish();
    return canonicalJson(recovered);
  }

  private async giveBack(ledger: Ledger, line: DisbursementLine, stamp: Stamp): Promise<void> {
    // A POSTED line's period record was written in the same transaction as the line.
    const paid = (await ledger.get('paidPeriod', ...paidPeriodKey(line.subjectRef, line.programmeId, line.period)))!;
    await ledger.put('paidPeriod', withReturnedLine(paid, { lineId: line.lineId, amountFen: line.amountFen! }));
    const overpayment = await ledger.get('overpayment', line.subjectRef, line.lineId);
    const recovered = overpayment && overpayment.status === 'OPEN' && recover(overpayment, line.settlement!.bankRef, line.settlement!.date, stamp);
    if (recovered) await ledger.put('overpayment', recovered);
  }

  @Transaction(false)
  @Returns('string')
  async ReadDisbursement(ctx: Context, lineId: string): Promise<string> {
    requireMember(await callerOf(ctx));
    const line = await new Ledger(ctx.stub).get('line', arg(ledgerId, lineId, 'lineId'));
    if (!line) throw new LedgerError('NOT_FOUND', `line ${lineId} does not exist`);
    return canonicalJson(line);
  }

  @Transaction(false)
  @Returns('string')
  async ReadOverpayment(ctx: Context, lineId: string): Promise<string> {
    requireMember(await callerOf(ctx));
    const ledger = new Ledger(ctx.stub);
    const line = await ledger.get('line', arg(ledgerId, lineId, 'lineId'));
    const overpayment = line && (await ledger.get('overpayment', line.subjectRef, line.lineId));
    if (!overpayment) throw new LedgerError('NOT_FOUND', `no overpayment for line ${lineId}`);
    return canonicalJson(overpayment);
  }

  /** Every overpayment of a subject, by lineId. */
  @Transaction(false)
  @Returns('string')
  async ListOverpayments(ctx: Context, subject: string): Promise<string> {
    requireMember(await callerOf(ctx));
    return canonicalJson(await new Ledger(ctx.stub).list('overpayment', arg(pseudonymRef, subject, 'subjectRef')));
  }
}

/** A batch may not reuse a lineId that is already in the ledger: its record is evidence and stays. */
async function refuseExistingLines(ledger: Ledger, lineIds: string[]): Promise<void> {
  const existing: string[] = [];
  for (const lineId of lineIds) if (await ledger.get('line', lineId)) existing.push(lineId);
  if (existing.length > 0) {
    throw new LedgerError('LINE_CONFLICT', `lines already in the ledger: ${existing.slice(0, 10).join(', ')}`, { lineIds: existing });
  }
}
