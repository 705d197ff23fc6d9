/**
 * Each header's hash is the next header's previous hash, block numbers are consecutive, and the
 * last header hashes to the tip the bundle names: the block is on the chain up to that tip.
 */
import { blockHeaderHash } from '../block-hash';
import type { BundleContext } from '../bundle-context';
import { hex, sameBytes, short } from '../bytes';
import { fail, guarded, pass, type CheckResult } from '../check';

export function checkHeaderChain(ctx: BundleContext): CheckResult {
  return guarded('header-chain', () => {
    const chain = ctx.headerChain;
    for (let i = 1; i < chain.length; i++) {
      const [prev, next] = [chain[i - 1], chain[i]];
      if (next.number !== prev.number + 1) return fail('header-chain', `block ${next.number} follows block ${prev.number}: a header is missing or misnumbered`);
      if (!sameBytes(blockHeaderHash(prev), next.previousHash)) {
        return fail('header-chain', `block ${next.number}'s previous hash ${short(hex(next.previousHash))} is not the hash of block ${prev.number}'s header (${short(hex(blockHeaderHash(prev)))})`);
      }
    }
    const last = chain[chain.length - 1];
    const { tip } = ctx.bundle;
    const lastHash = hex(blockHeaderHash(last));
    if (last.number !== tip.number || lastHash !== tip.hash.toLowerCase()) {
      return fail('header-chain', `the chain ends at block ${last.number} hash ${short(lastHash)}, not at the tip the bundle names (block ${tip.number} hash ${short(tip.hash)})`);
    }
    return pass('header-chain', `blocks ${chain[0].number}..${last.number} link by hash up to tip ${tip.number} (${short(lastHash)})`);
  });
}
