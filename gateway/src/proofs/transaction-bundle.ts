/**
 * Assembles the proof bundle of one transaction: its block (from a peer, by txId) with the
 * orderers' signatures and the validation codes, the headers from that block to the tip, the
 * config blocks from genesis to the one in effect (the channel's MSPs and policies), each org's
 * peer's signed word on the validation code, and every key/value the transaction wrote in the
 * chaincode's namespace.
 */
import type { common } from '@hyperledger/fabric-protos';
import { badRequest, notFound } from '../errors';
import { blockHeaderHash } from '../verify/block-hash';
import { base64, hex } from '../verify/bytes';
import { BUNDLE_FORMAT, BUNDLE_VERSION, type ProofBundle, type WriteClaim } from '../verify/bundle';
import { headerFields } from '../verify/bundle-context';
import { decodeTransaction, type DecodedTransaction } from '../verify/fabric/transaction';
import { headerJson, lastConfigIndex, signedBlockJson, transactionIndex, validationCodesOf } from './block-json';
import type { ChainQueries, PeerChainInfo } from './chain-queries';
import type { HeaderCache } from './header-cache';
import type { RecentBlocks } from './recent-blocks';
import { validationAttestations } from './validation-attestations';

/** A bundle's header chain reaches at most this many blocks past the transaction's, and `since` at most this many before it. */
export const MAX_HEADERS = 10_000;

export interface BundleRange {
  /** Also include headers from this earlier block (to reach an older trusted tip). */
  since?: number;
  /** End the chain at this block rather than the current tip. */
  tip?: number;
}

export interface ProofSources {
  queries: ChainQueries;
  headers: HeaderCache;
  /** The config blocks from genesis to block `lastConfig`, in order. */
  configChain(lastConfig: number): Promise<common.Block[]>;
  /** Recent blocks (the block stream's, recent bundles'), so that a bundle of one asks no peer for it. */
  recentBlocks?: RecentBlocks;
  /** The default peer's chain tip, shared by concurrent bundles (default: queries.chainInfo per bundle). */
  chainInfo?(): Promise<PeerChainInfo>;
}

export interface AssembledTransaction {
  bundle: ProofBundle;
  transaction: DecodedTransaction;
  /** The blocks the bundle carries whole, to send them encoded once (bundle-bytes.ts). */
  block: common.Block;
  configChain: common.Block[];
}

export async function transactionBundle(sources: ProofSources, txId: string, range: BundleRange = {}): Promise<AssembledTransaction> {
  const { queries, headers } = sources;
  const recent = sources.recentBlocks?.find(txId);
  const block = recent?.block ?? (await blockOf(queries, txId));
  // The peers' signed answers need only the txId of a committed transaction: asked while the rest is gathered.
  const attesting = validationAttestations(queries, txId);
  if (!recent) {
    headers.remember(block);
    sources.recentBlocks?.remember(block);
  }
  const header = headerJson(block);
  const index = recent?.index ?? transactionIndex(block, txId);
  if (index < 0) throw new Error(`block ${header.number} does not hold transaction ${txId}`);
  const envelope = block.getData()!.getDataList_asU8()[index];
  const transaction = decodeTransaction(envelope);

  const info = await (sources.chainInfo?.() ?? queries.chainInfo());
  const currentTip = info.height - 1;
  const tipNumber = Math.max(header.number, Math.min(range.tip ?? currentTip, currentTip, header.number + MAX_HEADERS));
  const later = await headers.range(header.number + 1, tipNumber);
  if (range.since !== undefined && header.number - range.since > MAX_HEADERS) {
    throw badRequest(`since reaches ${header.number - range.since} blocks before block ${header.number}; at most ${MAX_HEADERS}`);
  }
  const since = range.since === undefined ? header.number : Math.max(0, Math.min(range.since, header.number));
  const earlier = await headers.range(since, header.number - 1);
  const tipHeader = later.length ? later[later.length - 1] : header;
  const tipHash = hex(blockHeaderHash(headerFields(tipHeader)));
  if (tipNumber === currentTip && tipHash !== info.currentBlockHash) {
    throw new Error(`the tip header hashes to ${tipHash} but the peer reports ${info.currentBlockHash}`);
  }
  const [configChain, attestations] = await Promise.all([sources.configChain(lastConfigIndex(block)), attesting]);

  const bundle: ProofBundle = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    kind: 'transaction',
    channel: queries.channel,
    txId,
    block: { ...signedBlockJson(block), validationCodes: hex(validationCodesOf(block)) },
    attestations,
    transaction: { index, envelope: base64(envelope) },
    headers: later,
    ...(earlier.length ? { earlierHeaders: earlier } : {}),
    tip: { number: tipNumber, hash: tipHash },
    configChain: configChain.map(signedBlockJson),
    claims: writeClaims(transaction),
    assembledAt: new Date().toISOString(),
    assembledFrom: `peer of ${queries.defaultOrg}`,
  };
  return { bundle, transaction, block, configChain };
}

/** Every write (not delete) of the transaction in the namespace of the chaincode it invoked. */
export function writeClaims(transaction: DecodedTransaction): WriteClaim[] {
  return transaction.actions.flatMap((action) =>
    action.writes
      .filter((w) => w.namespace === action.chaincodeName && !w.isDelete)
      .map((w) => ({ namespace: w.namespace, key: w.key, value: w.value.toString('utf8') })),
  );
}

const NOT_FOUND_RETRIES = 10;
const RETRY_MS = 300;

/** The block holding txId. The default peer may not have committed it yet: retried briefly, then 404. */
async function blockOf(queries: ChainQueries, txId: string): Promise<common.Block> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await queries.blockByTxId(txId);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      if (attempt >= NOT_FOUND_RETRIES) throw notFound(`no transaction ${txId} on the channel`);
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }
}

function isNotFound(err: unknown): boolean {
  const e = err as { message?: string; details?: Array<{ message?: string }> };
  const text = [e.message ?? '', ...(e.details ?? []).map((d) => d.message ?? '')].join(' ');
  return /no such transaction|not found|entry not found/i.test(text);
}
