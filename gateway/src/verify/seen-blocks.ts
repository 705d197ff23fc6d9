/**
 * Blocks and headers this process has already decoded and hashed. Many bundles carry the same block (every
 * transaction of a block, and every bundle's config chain), and decoding and hashing a block of
 * MiBs costs more than the rest of a bundle's checks. Only blocks whose entries really hash to a
 * data hash are kept, under that hash: a content-addressed store. A bundle's header only says
 * where to look; it meets a kept block only when its data entries are, string for string, the
 * base64 text that was decoded and hashed (comparing text costs a tenth of hashing it), so the
 * answer is the one decoding and hashing again would give. A bundle differing in one character
 * is decoded and hashed in full.
 *
 * Headers likewise: every bundle carries the headers from its block to the tip, mostly the same
 * ones as the bundle before; a header's hash is kept by its exact text (number and both hashes).
 */
import { blockDataHash, blockHeaderHash } from './block-hash';
import { BoundedMemo } from './bounded-memo';
import type { HeaderJson } from './bundle';
import { fromBase64, fromHex, hex } from './bytes';

export interface DecodedBlockData {
  /** Each data entry's bytes. Shared between bundles: never modified. */
  entries: Buffer[];
  /** SHA-256 over the entries, computed from them. */
  dataHash: Buffer;
}

interface SeenBlock extends DecodedBlockData {
  texts: readonly string[];
  size: number;
}

/** Text and bytes kept at most (a worker of `verify many` holds its own). */
const MAX_KEPT_BYTES = 192 * 1024 * 1024;
const seen = new Map<string, SeenBlock>();
let keptBytes = 0;

/** The entries of a block given as base64 texts, decoded, and their data hash; `claimedDataHash` (hex) only says which kept block to compare with. */
export function decodeBlockData(texts: readonly string[], claimedDataHash: string): DecodedBlockData {
  const key = claimedDataHash.toLowerCase();
  const kept = seen.get(key);
  if (kept && sameTexts(kept.texts, texts)) {
    seen.delete(key);
    seen.set(key, kept);
    return kept;
  }
  const entries = texts.map((text, i) => decodedEntry(text, i));
  const decoded = { entries, dataHash: blockDataHash(entries) };
  if (!kept && hex(decoded.dataHash) === key) keep(key, { ...decoded, texts: [...texts], size: sizeOf(texts, entries) });
  return decoded;
}

function sameTexts(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function decodedEntry(text: string, index: number): Buffer {
  try {
    return fromBase64(text);
  } catch (err) {
    throw new Error(`block data entry ${index} does not decode (${(err as Error).message})`);
  }
}

function sizeOf(texts: readonly string[], entries: Buffer[]): number {
  return texts.reduce((sum, text, i) => sum + text.length * 2 + entries[i].length, 0);
}

function keep(key: string, block: SeenBlock): void {
  if (block.size > MAX_KEPT_BYTES / 4) return;
  seen.set(key, block);
  keptBytes += block.size;
  for (const [oldest, old] of seen) {
    if (keptBytes <= MAX_KEPT_BYTES) break;
    seen.delete(oldest);
    keptBytes -= old.size;
  }
}

const headerHashes = new BoundedMemo<string>(100_000);

/** The header's hash (hex), as SHA-256 of its DER bytes; computed once per distinct header text. */
export function headerHashOf(header: HeaderJson): string {
  const { number, previousHash, dataHash } = header;
  return headerHashes.get(`${number}:${previousHash}:${dataHash}`, () =>
    hex(blockHeaderHash({ number, previousHash: fromHex(previousHash), dataHash: fromHex(dataHash) })));
}

/** How many blocks are kept (for tests). */
export function seenBlockCount(): number {
  return seen.size;
}
