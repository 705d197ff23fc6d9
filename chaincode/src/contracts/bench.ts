import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { canonicalJson } from '../lib/canonical-json';
import { ledgerId, ledgerText } from '../lib/inputs';
import { arg } from '../model/validate';
import { requireMember } from '../rules/roles';
import { Ledger } from '../state/ledger';
import { callerOf } from './caller';

/**
 * The plain-write baseline for benchmarks: one key written, no reads, no rules, no event.
 * Kept in its own table so it can never touch a domain record.
 */
@Info({ title: 'bench', description: 'Plain-write baseline for benchmarks' })
export class BenchContract extends Contract {
  constructor() {
    super('bench');
  }

  @Transaction()
  @Returns('string')
  async PutValue(ctx: Context, key: string, value: string): Promise<string> {
    const entry = { key: arg(ledgerId, key, 'key'), value: arg(ledgerText(4096), value, 'value') };
    requireMember(await callerOf(ctx));
    const ledger = new Ledger(ctx.stub);
    await ledger.put('bench', entry);
    return canonicalJson({ key: entry.key, txId: ledger.txId });
  }
}
