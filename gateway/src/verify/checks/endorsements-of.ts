/** The examined endorsements of every action of the bundle's transaction (shared by three checks). */
import type { BundleContext } from '../bundle-context';
import { examineEndorsements, type SignerExamination } from '../fabric/endorsements';

export function endorsementsOf(ctx: BundleContext): SignerExamination[] {
  const tx = ctx.transaction;
  return tx.actions.flatMap((action) => examineEndorsements(action, ctx.channelConfig, tx.timestamp));
}
