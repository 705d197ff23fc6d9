/**
 * The transaction's block, and the transaction in it: the data entries hash to the header
 * (data-hash); the earlier headers link to it and the later ones to a tip (header-chain); the
 * envelope is the stated entry (transaction-in-block); and it was committed VALID, by the
 * delivering peer's metadata (validation-code) and by each org's peer's own signed word
 * (validation-attestations: Fabric does not hash validation codes into blocks).
 */
import { msp } from '@hyperledger/fabric-protos';
import type { BundleContext } from '../bundle-context';
import { fromBase64, hex, sameBytes, short } from '../bytes';
import { fail, guarded, pass, type CheckResult } from '../check';
import { checkMembership, holdsRole } from '../fabric/msp-identity';
import { readTransactionStatusAnswer } from '../fabric/peer-answer';
import { VALID, validationCodeName } from '../fabric/validation-codes';
import { headerHashOf } from '../seen-blocks';

export function checkDataHash(ctx: BundleContext): CheckResult {
  return guarded('data-hash', () => {
    const { header } = ctx.bundle.block;
    const computed = hex(ctx.decodedBlock.dataHash);
    if (computed !== header.dataHash.toLowerCase()) {
      return fail('data-hash', `block ${header.number}: SHA-256 over its ${ctx.blockData.length} data entries is ${short(computed)}, the header says ${short(header.dataHash)}`);
    }
    return pass('data-hash', `block ${header.number}: SHA-256 over its ${ctx.blockData.length} data entries matches the header`);
  });
}

export function checkHeaderChain(ctx: BundleContext): CheckResult {
  return guarded('header-chain', () => {
    const chain = ctx.headerTexts;
    for (let i = 1; i < chain.length; i++) {
      const [prev, next] = [chain[i - 1], chain[i]];
      if (next.number !== prev.number + 1) return fail('header-chain', `block ${next.number} follows block ${prev.number}: a header is missing or misnumbered`);
      const prevHash = headerHashOf(prev);
      if (next.previousHash.toLowerCase() !== prevHash) {
        return fail('header-chain', `block ${next.number}'s previous hash ${short(next.previousHash)} is not the hash of block ${prev.number}'s header (${short(prevHash)})`);
      }
    }
    const last = chain[chain.length - 1];
    const { tip } = ctx.bundle;
    const lastHash = headerHashOf(last);
    if (last.number !== tip.number || lastHash !== tip.hash.toLowerCase()) {
      return fail('header-chain', `the chain ends at block ${last.number} hash ${short(lastHash)}, not at the tip the bundle names (block ${tip.number} hash ${short(tip.hash)})`);
    }
    return pass('header-chain', `blocks ${chain[0].number}..${last.number} link by hash up to tip ${tip.number} (${short(lastHash)})`);
  });
}

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

export function checkValidationAttestations(ctx: BundleContext): CheckResult {
  return guarded('validation-attestations', () => {
    const config = ctx.channelConfig;
    const tx = ctx.transaction;
    const orgs = config.applicationOrgs.map((o) => o.mspId);
    const needed = Math.floor(orgs.length / 2) + 1;
    const attesting = new Set<string>();
    for (const { org, proposalResponse } of ctx.bundle.attestations ?? []) {
      const answer = readTransactionStatusAnswer(fromBase64(proposalResponse));
      const who = answer.signer.mspId;
      if (who !== org) return fail('validation-attestations', `the answer given as ${org}'s is signed by an identity of ${who}`);
      if (!answer.signatureOk) return fail('validation-attestations', `the answer signed by a peer of ${who} does not verify`);
      const membership = checkMembership(answer.signer, config, null);
      if (!membership.ok) return fail('validation-attestations', `answer of ${who}: ${membership.reason}`);
      if (!holdsRole(answer.signer, membership, who, msp.MSPRole.MSPRoleType.PEER, config)) {
        return fail('validation-attestations', `the answer for ${who} is not signed by one of its peers`);
      }
      if (!sameBytes(answer.envelope.payload, tx.payload) || !sameBytes(answer.envelope.signature, tx.creatorSignature)) {
        return fail('validation-attestations', `the peer of ${who} answered about another envelope`);
      }
      if (answer.validationCode !== VALID) {
        return fail('validation-attestations', `the peer of ${who} signed that it committed the transaction as ${validationCodeName(answer.validationCode)}`);
      }
      if (orgs.includes(who)) attesting.add(who);
    }
    if (attesting.size < needed) {
      return fail('validation-attestations', `only ${[...attesting].join(', ') || 'no org'} signed that the transaction is VALID; a majority of ${orgs.length} orgs (${needed}) is needed`);
    }
    return pass('validation-attestations', `the peers of ${[...attesting].sort().join(', ')} each signed that they committed it VALID`);
  });
}
