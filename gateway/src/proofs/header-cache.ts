/**
 * Block headers by number, fetched once (GetBlockByNumber) and kept: blocks never change, and a
 * bundle needs every header from its block to the tip. Concurrent requests for the same header
 * share one fetch.
 */
import type { common } from '@hyperledger/fabric-protos';
import type { HeaderJson } from '../verify/bundle';
import { headerJson } from './block-json';

const FETCH_CONCURRENCY = 8;
/** About 20 MB of headers; beyond it the earliest remembered are forgotten (and fetched again if asked for). */
const MAX_HEADERS_KEPT = 100_000;

export class HeaderCache {
  private readonly headers = new Map<number, HeaderJson>();
  private readonly pending = new Map<number, Promise<HeaderJson>>();

  constructor(private readonly fetchBlock: (blockNumber: number) => Promise<common.Block>) {}

  remember(block: common.Block): void {
    const header = headerJson(block);
    if (this.headers.size >= MAX_HEADERS_KEPT) this.headers.delete(this.headers.keys().next().value as number);
    this.headers.set(header.number, header);
  }

  /** Headers from..to inclusive (empty when to < from). */
  async range(from: number, to: number): Promise<HeaderJson[]> {
    const numbers = Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
    const missing = numbers.filter((n) => !this.headers.has(n));
    let next = 0;
    const fetched = new Map<number, HeaderJson>();
    const worker = async () => {
      while (next < missing.length) {
        const n = missing[next++];
        fetched.set(n, await this.header(n));
      }
    };
    await Promise.all(Array.from({ length: Math.min(FETCH_CONCURRENCY, missing.length) }, worker));
    return numbers.map((n) => this.headers.get(n) ?? fetched.get(n)!);
  }

  private header(blockNumber: number): Promise<HeaderJson> {
    const known = this.headers.get(blockNumber);
    if (known) return Promise.resolve(known);
    let fetching = this.pending.get(blockNumber);
    if (!fetching) {
      fetching = this.fetchBlock(blockNumber)
        .then((block) => {
          this.remember(block);
          return this.headers.get(blockNumber)!;
        })
        .finally(() => this.pending.delete(blockNumber));
      this.pending.set(blockNumber, fetching);
    }
    return fetching;
  }
}
