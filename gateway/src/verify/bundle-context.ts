/**
 * A bundle with its parts decoded once for all checks. A part that cannot be decoded throws
 * when a check asks for it, so only the checks that need it fail (each names the problem).
 */
import { fromBase64, fromHex } from './bytes';
import type { BlockHeaderFields } from './block-hash';
import type { HeaderJson, ProofBundle } from './bundle';
import { readChannelConfig, type ChannelConfig } from './fabric/channel-config';
import { decodeTransaction, type DecodedTransaction } from './fabric/transaction';

export class BundleContext {
  private cache = new Map<string, { value?: unknown; error?: Error }>();

  constructor(readonly bundle: ProofBundle) {}

  get blockData(): Buffer[] {
    return this.once('blockData', () => this.bundle.block.data.map((entry, i) => decoded(`block data entry ${i}`, () => fromBase64(entry))));
  }

  get envelope(): Buffer {
    return this.once('envelope', () => decoded('the transaction envelope', () => fromBase64(this.bundle.transaction.envelope)));
  }

  get transaction(): DecodedTransaction {
    return this.once('transaction', () => decoded('the transaction envelope', () => decodeTransaction(this.envelope)));
  }

  get channelConfig(): ChannelConfig {
    return this.once('channelConfig', () => {
      const entries = this.bundle.channelConfig.block.data.map((entry) => fromBase64(entry));
      if (entries.length !== 1) throw new Error(`a config block has one data entry, this one has ${entries.length}`);
      return decoded('the channel config block', () => readChannelConfig(entries[0]));
    });
  }

  get validationCodes(): Buffer {
    return this.once('validationCodes', () => decoded('the validation codes', () => fromHex(this.bundle.block.validationCodes)));
  }

  /** earlierHeaders + the block's header + headers, as checked for linkage. */
  get headerChain(): BlockHeaderFields[] {
    return this.once('headerChain', () =>
      [...(this.bundle.earlierHeaders ?? []), this.bundle.block.header, ...this.bundle.headers].map(headerFields),
    );
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
