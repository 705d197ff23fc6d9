/**
 * The trust anchor an auditor holds: the channel and its genesis block's header hash, taken from
 * the genesis block file the consortium shared (or its published hash). Everything a bundle
 * proves is proven from this.
 */
import { common } from '@hyperledger/fabric-protos';
import { blockHeaderHash } from './block-hash';
import { TRUST_FORMAT, type TrustAnchor } from './bundle';
import { hex } from './bytes';
import { readChannelConfig } from './fabric/channel-config';

export function trustFromGenesisBlock(blockBytes: Uint8Array): TrustAnchor {
  const block = common.Block.deserializeBinary(blockBytes);
  const header = block.getHeader();
  if (!header) throw new Error('not a Fabric block');
  if (header.getNumber() !== 0) throw new Error(`block ${header.getNumber()} is not a genesis block (block 0)`);
  const entries = block.getData()?.getDataList_asU8() ?? [];
  if (entries.length !== 1) throw new Error('a genesis block holds one config transaction');
  const { channelId } = readChannelConfig(entries[0]);
  return { format: TRUST_FORMAT, version: 1, channel: channelId, genesisHash: hex(blockHeaderHash({ number: 0, previousHash: header.getPreviousHash_asU8(), dataHash: header.getDataHash_asU8() })) };
}

export function trustFromHash(channel: string, genesisHash: string): TrustAnchor {
  if (!/^[a-z][a-z0-9.-]{0,248}$/.test(channel)) throw new Error(`${JSON.stringify(channel)} is not a channel name`);
  if (!/^[0-9a-fA-F]{64}$/.test(genesisHash)) throw new Error('a genesis hash is 64 hex digits');
  return { format: TRUST_FORMAT, version: 1, channel, genesisHash: genesisHash.toLowerCase() };
}

/** Is this JSON a trust file? Returns what is wrong, or null. */
export function trustProblem(value: unknown): string | null {
  const t = value as Partial<TrustAnchor> | null;
  if (!t || t.format !== TRUST_FORMAT || t.version !== 1) return `not a ${TRUST_FORMAT} version 1 document`;
  if (typeof t.channel !== 'string' || typeof t.genesisHash !== 'string' || !/^[0-9a-f]{64}$/.test(t.genesisHash)) return 'the trust file needs channel and genesisHash (64 hex digits)';
  return null;
}
