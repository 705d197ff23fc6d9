/**
 * What ties a bundle to the channel the auditor trusts: the genesis block is the one in the
 * trust file (trust-anchor); each later config block up to the one in effect was signed by the
 * orderers under the configuration before it, with no configuration skipped, and its changes
 * were signed as their modification policies in the configuration before require (config-chain); and
 * the transaction's block was signed by the orderers under the configuration in effect
 * (orderer-signatures). MSP roots, CRLs and policies used by every other check come from here.
 */
import { blockHeaderHash } from '../block-hash';
import type { TrustAnchor } from '../bundle';
import { headerFields, type BundleContext } from '../bundle-context';
import { hex, sameBytes, short } from '../bytes';
import { fail, guarded, pass, type CheckResult } from '../check';
import { BLOCK_VALIDATION_POLICY } from '../fabric/channel-config';
import { judgeBlockSignatures } from '../fabric/block-signatures';
import { configUpdateProblems } from '../fabric/config-update';

export function checkTrustAnchor(ctx: BundleContext, trust: TrustAnchor): CheckResult {
  return guarded('trust-anchor', () => {
    if (ctx.bundle.channel !== trust.channel) return fail('trust-anchor', `the bundle is for channel ${ctx.bundle.channel}, your trust anchor for ${trust.channel}`);
    const [genesis] = ctx.configChain;
    const hash = hex(blockHeaderHash(genesis.header));
    if (genesis.header.number !== 0) return fail('trust-anchor', `the config chain starts at block ${genesis.header.number}, not at the genesis block`);
    if (hash !== trust.genesisHash.toLowerCase()) {
      return fail('trust-anchor', `the bundle's genesis block hashes to ${short(hash)}, not to your trust anchor's ${short(trust.genesisHash)}: another network, or a forged one`);
    }
    if (!sameBytes(genesis.dataHash, genesis.header.dataHash)) return fail('trust-anchor', "the genesis block's data does not hash to its header");
    return pass('trust-anchor', `the genesis block of channel ${trust.channel} is the one you trust (${short(hash)})`);
  });
}

export function checkConfigChain(ctx: BundleContext): CheckResult {
  return guarded('config-chain', () => {
    const chain = ctx.configChain;
    for (let i = 0; i < chain.length; i++) {
      const { header, entries, dataHash, config, signatures } = chain[i];
      if (!sameBytes(dataHash, header.dataHash)) return fail('config-chain', `config block ${header.number}: its data does not hash to its header`);
      if (config.channelId !== ctx.bundle.channel) return fail('config-chain', `config block ${header.number} is for channel ${config.channelId}, not ${ctx.bundle.channel}`);
      if (i === 0) continue;
      const previous = chain[i - 1];
      if (header.number <= previous.header.number) return fail('config-chain', `config block ${header.number} does not come after config block ${previous.header.number}`);
      if (config.sequence !== previous.config.sequence + 1) {
        return fail('config-chain', `config block ${header.number} has sequence ${config.sequence}, the one before ${previous.config.sequence}: a configuration is missing`);
      }
      const verdict = judgeBlockSignatures(signatures, header, previous.config);
      if (!verdict.outcome.satisfied) {
        return fail('config-chain', `config block ${header.number} is not signed under ${BLOCK_VALIDATION_POLICY} of config block ${previous.header.number}${verdict.rejected.length ? ` (${verdict.rejected.join('; ')})` : ''}`);
      }
      if (verdict.lastConfig !== header.number) return fail('config-chain', `config block ${header.number}'s signed metadata names config block ${verdict.lastConfig}`);
      const problems = configUpdateProblems(entries[0], previous.config);
      if (problems.length > 0) return fail('config-chain', `config block ${header.number}: ${problems.join('; ')}`);
    }
    const last = chain[chain.length - 1];
    const { number } = ctx.bundle.block.header;
    const inEffect = judgeBlockSignatures(ctx.blockSignatures, headerFields(ctx.bundle.block.header), last.config).lastConfig;
    if (inEffect !== last.header.number) {
      return fail('config-chain', `block ${number} was ordered under config block ${inEffect} (as its orderers signed), but the bundle's config chain ends at config block ${last.header.number}`);
    }
    const numbers = chain.map((link) => link.header.number).join(', ');
    return pass('config-chain', `config block${chain.length === 1 ? '' : 's'} ${numbers}, each signed under the one before; block ${inEffect} (sequence ${last.config.sequence}) is in effect for block ${number}; application MSPs ${last.config.applicationOrgs.map((o) => o.mspId).join(', ')}`);
  });
}

export function checkOrdererSignatures(ctx: BundleContext): CheckResult {
  return guarded('orderer-signatures', () => {
    const { header } = ctx.bundle.block;
    const verdict = judgeBlockSignatures(ctx.blockSignatures, headerFields(header), ctx.channelConfig);
    if (!verdict.outcome.satisfied) {
      const why = verdict.rejected.length ? verdict.rejected.join('; ') : 'no orderer signed it';
      return fail('orderer-signatures', `block ${header.number} does not satisfy ${BLOCK_VALIDATION_POLICY} (${verdict.outcome.description}): ${why}`);
    }
    const orgs = [...new Set(verdict.counted)].join(', ');
    return pass('orderer-signatures', `block ${header.number} signed by ${verdict.counted.length} orderer node${verdict.counted.length === 1 ? '' : 's'} of ${orgs}: ${BLOCK_VALIDATION_POLICY} (${verdict.outcome.description}) satisfied`);
  });
}
