import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { canonicalJson } from '../lib/canonical-json';
import { LedgerError } from '../lib/ledger-error';
import { REASON_CODES } from '../lib/reason-codes';
import { lineInput } from '../model/disbursement';
import { arg, id, parseJsonArg } from '../model/validate';
import { checkLine, isSameSubmission, lineRecord } from '../rules/disbursement';
import { withPostedLine } from '../rules/payments';
import { requireMember, requireWriter } from '../rules/roles';
import { loadLineFacts } from '../state/facts';
import { Ledger } from '../state/ledger';
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
    const line = parseJsonArg(lineJson, lineInput, 'line');
    const caller = callerOf(ctx);
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

  @Transaction(false)
  @Returns('string')
  async ReadDisbursement(ctx: Context, lineId: string): Promise<string> {
    requireMember(callerOf(ctx));
    const line = await new Ledger(ctx.stub).get('line', arg(id, lineId, 'lineId'));
    if (!line) throw new LedgerError('NOT_FOUND', `line ${lineId} does not exist`);
    return canonicalJson(line);
  }
}
