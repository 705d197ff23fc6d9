/** A Fabric block as the bundle carries it: header fields in hex, data entries in base64, validation codes in hex. */
import { common } from '@hyperledger/fabric-protos';
import { base64, hex } from '../verify/bytes';
import type { BlockJson, HeaderJson, SignedBlockJson } from '../verify/bundle';

export function headerJson(block: common.Block): HeaderJson {
  const header = block.getHeader();
  if (!header) throw new Error('the block has no header');
  return { number: header.getNumber(), previousHash: hex(header.getPreviousHash_asU8()), dataHash: hex(header.getDataHash_asU8()) };
}

export function blockJson(block: common.Block): BlockJson {
  return { header: headerJson(block), data: block.getData()!.getDataList_asU8().map(base64) };
}

/** Blocks already encoded: a kept block (config blocks, recent blocks) is encoded once, not per bundle. Never changed after. */
const encoded = new WeakMap<common.Block, SignedBlockJson>();

/** The block with the orderers' signatures over it (its SIGNATURES metadata). */
export function signedBlockJson(block: common.Block): SignedBlockJson {
  let json = encoded.get(block);
  if (!json) {
    const signatures = block.getMetadata()?.getMetadataList_asU8()[common.BlockMetadataIndex.SIGNATURES] ?? new Uint8Array();
    encoded.set(block, (json = { ...blockJson(block), signatures: base64(signatures) }));
  }
  // The caller's own copy (the strings are shared, never changed): whatever it does to it stays out of the cache.
  return { ...json, header: { ...json.header }, data: [...json.data] };
}

/** The block's TRANSACTIONS_FILTER metadata: one validation code per data entry. */
export function validationCodesOf(block: common.Block): Uint8Array {
  return block.getMetadata()?.getMetadataList_asU8()[common.BlockMetadataIndex.TRANSACTIONS_FILTER] ?? new Uint8Array();
}

/** The number of the config block in effect for this block (orderer metadata, SIGNATURES slot). */
export function lastConfigIndex(block: common.Block): number {
  const bytes = block.getMetadata()?.getMetadataList_asU8()[common.BlockMetadataIndex.SIGNATURES];
  if (!bytes || bytes.length === 0) return 0;
  const value = common.Metadata.deserializeBinary(bytes).getValue_asU8();
  return common.OrdererBlockMetadata.deserializeBinary(value).getLastConfig()?.getIndex() ?? 0;
}

/**
 * The position of a transaction in a block's data, by its channel-header txId; -1 if absent.
 * Should the same txId appear twice (later copies are marked DUPLICATE_TXID), the copy marked
 * VALID is preferred, else the first.
 */
export function transactionIndex(block: common.Block, txId: string): number {
  return transactionIndexes(block).get(txId) ?? -1;
}

/** Every transaction's position in the block, by txId, as transactionIndex chooses it. */
export function transactionIndexes(block: common.Block): Map<string, number> {
  const codes = validationCodesOf(block);
  const indexes = new Map<string, number>();
  block.getData()!.getDataList_asU8().forEach((entry, i) => {
    const txId = txIdOf(entry);
    const earlier = indexes.get(txId);
    if (earlier === undefined || (codes[earlier] !== 0 && codes[i] === 0)) indexes.set(txId, i);
  });
  return indexes;
}

function txIdOf(entry: Uint8Array): string {
  const payload = common.Payload.deserializeBinary(common.Envelope.deserializeBinary(entry).getPayload_asU8());
  return common.ChannelHeader.deserializeBinary(payload.getHeader()!.getChannelHeader_asU8()).getTxId();
}
