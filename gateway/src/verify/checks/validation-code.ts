/**
 * The committing peer marked the transaction VALID (block metadata TRANSACTIONS_FILTER). Note:
 * Fabric does not hash the metadata into the header, so this is the delivering peer's verdict;
 * the whole-chain audit compares it across the organisations' peers.
 */
import type { BundleContext } from '../bundle-context';
import { fail, guarded, pass, type CheckResult } from '../check';
import { VALID, validationCodeName } from '../fabric/validation-codes';

export function checkValidationCode(ctx: BundleContext): CheckResult {
  return guarded('validation-code', () => {
    const codes = ctx.validationCodes;
    const { index } = ctx.bundle.transaction;
    const blockNumber = ctx.bundle.block.header.number;
    if (codes.length !== ctx.bundle.block.data.length) {
      return fail('validation-code', `block ${blockNumber} has ${ctx.bundle.block.data.length} transactions but ${codes.length} validation codes`);
    }
    const code = codes[index];
    if (code !== VALID) return fail('validation-code', `transaction ${index} of block ${blockNumber} was marked ${validationCodeName(code)}, not VALID`);
    return pass('validation-code', `transaction ${index} of block ${blockNumber} was committed VALID`);
  });
}
