/**
 * The plain-write baseline the benchmark compares every figure against: one key written, no reads,
 * no rules, no event. Its own chaincode (`welfare-bench`), deployed by `npm run bench` next to the
 * welfare chaincode with the same MAJORITY endorsement policy, so the production chaincode carries
 * no benchmark function. It costs what the welfare contract's own plain write cost: the caller's
 * org checked, one composite key, a canonical JSON value, and the same fabric-shim logging fix.
 */
import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { skipLogLinesBelowLevel } from './shim-logging';

const MEMBER_ORGS = ['CivilAffairsMSP', 'FinanceMSP', 'AuditMSP'];
const KEY = /^[A-Za-z0-9._:-]{1,128}$/;

@Info({ title: 'bench', description: 'Plain-write baseline for benchmarks' })
export class PlainWriteContract extends Contract {
  constructor() {
    super('bench');
  }

  @Transaction()
  @Returns('string')
  async PutValue(ctx: Context, key: string, value: string): Promise<string> {
    if (!KEY.test(key) || value.length > 4096) throw new Error('[VALIDATION] key or value');
    const msp = ctx.clientIdentity.getMSPID();
    if (!MEMBER_ORGS.includes(msp)) throw new Error(`[FORBIDDEN] ${msp} is not a member organisation`);
    // Keys sorted, as canonical JSON has them.
    await ctx.stub.putState(ctx.stub.createCompositeKey('bench', [key]), Buffer.from(JSON.stringify({ key, value })));
    return JSON.stringify({ key, txId: ctx.stub.getTxID() });
  }

  @Transaction(false)
  @Returns('string')
  async Ping(): Promise<string> {
    return 'ok';
  }
}

skipLogLinesBelowLevel();

export const contracts: unknown[] = [PlainWriteContract];
