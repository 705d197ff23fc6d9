/**
 * A bundle with its parts decoded once for all checks. A part that cannot be decoded throws
 * when a check asks for it, so only the checks that need it fail (each names the problem).
 */
import { fromBase64, fromHex } from './bytes';
import type { BlockHeaderFields } from './block-hash';
import type { HeaderJson, ProofBundle } from './bundle';
import { decodeBlockData, type DecodedBlockData } from './seen-blocks';
import { channelConfigOf, type ChannelConfig } from './fabric/channel-config';
import { decodeTransaction, type DecodedTransaction } from './fabric/transaction';

export interface ConfigLink {
  header: BlockHeaderFields;
  entries: Buffer[];
  /** SHA-256 over the entries, computed from them. */
  dataHash: Buffer;
  signatures: Buffer;
  config: ChannelConfig;
}

export class BundleContext {
  private cache = new Map<string, { value?: unknown; error?: Error }>();

  constructor(readonly bundle: ProofBundle) {}

  /** The block's data entries, decoded, and the SHA-256 computed over them (once per distinct block in this process). */
  get decodedBlock(): DecodedBlockData {
    return this.once('decodedBlock', () => decodeBlockData(this.bundle.block.data, this.bundle.block.header.dataHash));
  }

  get blockData(): Buffer[] {
    return this.decodedBlock.entries;
  }

  get envelope(): Buffer {
    return this.once('envelope', () => decoded('the transaction envelope', () => fromBase64(this.bundle.transaction.envelope)));
  }

  get transaction(): DecodedTransaction {
    return this.once('transaction', () => decoded('the transaction envelope', () => decodeTransaction(this.envelope)));
  }

  /** The config chain's blocks, decoded: genesis first. */
  get configChain(): ConfigLink[] {
    return this.once('configChain', () => this.bundle.configChain.map((block) => {
      const { entries, dataHash } = decoded(`config block ${block.header.number}`, () => decodeBlockData(block.data, block.header.dataHash));
      if (entries.length !== 1) throw new Error(`config block ${block.header.number} has ${entries.length} data entries, not one`);
      return {
        header: headerFields(block.header),
        entries,
        dataHash,
        signatures: decoded(`the signatures of config block ${block.header.number}`, () => fromBase64(block.signatures)),
        config: decoded(`config block ${block.header.number}`, () => channelConfigOf(entries[0])),
      };
    }));
  }

  /** The configuration in effect for the transaction's block: the last of the config chain. */
  get channelConfig(): ChannelConfig {
    const chain = this.configChain;
    return chain[chain.length - 1].config;
  }

  /** The orderers' signatures on the transaction's block (common.Metadata bytes). */
  get blockSignatures(): Buffer {
    return this.once('blockSignatures', () => decoded("the block's signatures", () => fromBase64(this.bundle.block.signatures)));
  }

  get validationCodes(): Buffer {
    return this.once('validationCodes', () => decoded('the validation codes', () => fromHex(this.bundle.block.validationCodes)));
  }

  /** earlierHeaders + the block's header + headers, as the bundle gives them (hex text). */
  get headerTexts(): HeaderJson[] {
    return [...(this.bundle.earlierHeaders ?? []), this.bundle.block.header, ...this.bundle.headers];
  }

  /** The same headers, decoded, as checked for linkage. */
  get headerChain(): BlockHeaderFields[] {
    return this.once('headerChain', () => this.headerTexts.map(headerFields));
  }

  private once<T>(key: string, compute: () => T): T {
    let entry = this.cache.get(key);
    if (!entry) {
      try {
        entry = { value: compute() };
      } catch (err) {
        entry = { error: err as Error };
      }
      this.cache.set(key, entry);
    }
    if (entry.error) throw entry.error;
    return entry.value as T;
  }
}

export function headerFields(header: HeaderJson): BlockHeaderFields {
  return { number: header.number, previousHash: fromHex(header.previousHash), dataHash: fromHex(header.dataHash) };
}

function decoded<T>(what: string, decode: () => T): T {
  try {
    return decode();
  } catch (err) {
    throw new Error(`${what} does not decode (${(err as Error).message})`);
  }
}
