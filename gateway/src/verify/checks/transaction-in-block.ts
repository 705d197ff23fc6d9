/** The envelope is the block's data entry at the stated index, for the stated txId and channel. */
import type { BundleContext } from '../bundle-context';
import { sameBytes } from '../bytes';
import { fail, guarded, pass, type CheckResult } from '../check';

export function checkTransactionInBlock(ctx: BundleContext): CheckResult {
  return guarded('transaction-in-block', () => {
    const { index } = ctx.bundle.transaction;
    const blockNumber = ctx.bundle.block.header.number;
    const entry = ctx.blockData[index];
    if (!Number.isInteger(index) || !entry) return fail('transaction-in-block', `block ${blockNumber} has no data entry ${index}`);
    if (!sameBytes(entry, ctx.envelope)) return fail('transaction-in-block', `the envelope is not data entry ${index} of block ${blockNumber}`);
    const tx = ctx.transaction;
    if (tx.txId !== ctx.bundle.txId) return fail('transaction-in-block', `the envelope is transaction ${tx.txId}, not ${ctx.bundle.txId}`);
    if (tx.channelId !== ctx.bundle.channel) return fail('transaction-in-block', `the envelope is for channel ${tx.channelId}, not ${ctx.bundle.channel}`);
    return pass('transaction-in-block', `transaction ${tx.txId} is data entry ${index} of block ${blockNumber}`);
  });
}
