/**
 * A peer that joined the channel from a ledger snapshot (scripts/peer-recover.sh) holds no block
 * below the snapshot: Fabric answers "cannot serve block [n]. The ledger is bootstrapped from a
 * snapshot. First available block = [m]" (or "details for the TXID ... not available"). Proofs of
 * older transactions need a peer with the whole chain, so the org's peers are asked in turn, and
 * when none of them holds the block the answer says so instead of a bare LEDGER_ERROR.
 */
import { ApiError } from '../errors';

const BEFORE_SNAPSHOT = /bootstrapped from a snapshot\. First available block\s*=\s*\[(\d+)\]/i;

/** The first block a snapshot-joined peer holds, when `err` is its refusal of an older one. */
export function firstBlockAfterSnapshot(err: unknown): number | undefined {
  const e = err as { message?: string; details?: Array<{ message?: string }> } | undefined;
  for (const text of [e?.message ?? '', ...(e?.details ?? []).map((d) => d.message ?? '')]) {
    const match = BEFORE_SNAPSHOT.exec(text);
    if (match) return Number(match[1]);
  }
  return undefined;
}

export interface ChainPeer<C> {
  /** How the answer names the peer: its host alias. */
  name: string;
  contract: C;
}

/**
 * Runs `query` on the first of `peers` that holds the block it needs: a peer joined from a
 * snapshot that lacks it is skipped; any other failure is the caller's. 503 BLOCK_BEFORE_SNAPSHOT
 * (retryable elsewhere, not here) when every peer lacks it.
 */
export async function onWholeChain<C, T>(mspId: string, peers: ChainPeer<C>[], query: (contract: C) => Promise<T>): Promise<T> {
  const lacking: string[] = [];
  for (const peer of peers) {
    try {
      return await query(peer.contract);
    } catch (err) {
      const first = firstBlockAfterSnapshot(err);
      if (first === undefined) throw err;
      lacking.push(`${peer.name} (from block ${first})`);
    }
  }
  throw new ApiError(
    503,
    'BLOCK_BEFORE_SNAPSHOT',
    `${mspId}'s peers joined the channel from a ledger snapshot and hold no block this proof needs: ${lacking.join(', ')}; ` +
      'a peer with the whole chain must answer (rejoin one from the genesis block: scripts/peer-recover.sh <org> <peer> --from-genesis)',
  );
}
