/** Where the audit reads one organisation's copy of the chain from (a peer, or a test double). */
import type { common } from '@hyperledger/fabric-protos';

export interface BlockSource {
  /** The org whose peer this is, e.g. FinanceMSP. */
  readonly org: string;
  /** Number of blocks the peer has. */
  height(): Promise<number>;
  /** Blocks from..to inclusive, in order. */
  blocks(from: number, to: number): AsyncIterable<common.Block>;
}
