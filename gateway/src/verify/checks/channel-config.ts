/**
 * The channel config block the bundle carries is intact (its data hash matches its header),
 * holds a CONFIG transaction, and precedes the transaction's block. Its MSPs and policies are
 * what the certificate and policy checks trust; its header hash is printed so an auditor can
 * compare it with the channel's config block they hold.
 */
import { blockDataHash, blockHeaderHash } from '../block-hash';
import { headerFields, type BundleContext } from '../bundle-context';
import { fromBase64, hex, short } from '../bytes';
import { fail, guarded, pass, type CheckResult } from '../check';

/** `trustedHash`: the header hash of a config block the auditor holds (e.g. the channel's genesis block). */
export function checkChannelConfig(ctx: BundleContext, trustedHash?: string): CheckResult {
  return guarded('channel-config', () => {
    const { block } = ctx.bundle.channelConfig;
    const computed = hex(blockDataHash(block.data.map((entry) => fromBase64(entry))));
    if (computed !== block.header.dataHash.toLowerCase()) {
      return fail('channel-config', `config block ${block.header.number}: its data does not hash to its header's data hash`);
    }
    if (block.header.number > ctx.bundle.block.header.number) {
      return fail('channel-config', `config block ${block.header.number} comes after the transaction's block ${ctx.bundle.block.header.number}`);
    }
    const config = ctx.channelConfig;
    const orgs = config.applicationOrgs.map((org) => org.mspId).join(', ');
    const hash = hex(blockHeaderHash(headerFields(block.header)));
    if (trustedHash && hash !== trustedHash.toLowerCase()) {
      return fail('channel-config', `config block ${block.header.number} hashes to ${short(hash)}, not to the config block you trust (${short(trustedHash)})`);
    }
    return pass('channel-config', `config block ${block.header.number} (hash ${short(hash)}), sequence ${config.sequence}: application MSPs ${orgs}${trustedHash ? ', the config block you trust' : ''}`);
  });
}
