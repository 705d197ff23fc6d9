/**
 * Ledger health at a glance: each org's peer height and tip hash (as this gateway reaches them),
 * this gateway's index lag, and the latest blocks the index holds. Two peers at the same height
 * with different tip hashes have diverged.
 */
import type { Services } from '../services/context';
import { lastCompleteBlock, readCheckpoint } from '../index/checkpoint';
import { statement } from '../index/sqlite';

export interface PeerTip {
  org: string;
  reachable: boolean;
  height?: number;
  currentBlockHash?: string;
}

export interface LedgerOverview {
  org: string;
  peers: PeerTip[];
  /** True when two reachable peers at the same height report different tip hashes. */
  diverged: boolean;
  index: { lastBlock: number; lag: number | null };
  latestBlocks: { blockNumber: number; transactions: number; txIds: string[] }[];
}

const LATEST_BLOCKS_SQL = `
SELECT block_number AS blockNumber, COUNT(*) AS transactions, json_group_array(tx_id) AS txIds
FROM (SELECT block_number, tx_id FROM transactions ORDER BY block_number DESC, tx_index LIMIT 200)
GROUP BY block_number ORDER BY block_number DESC LIMIT ?`;

export async function ledgerOverview(s: Services, blocks = 8): Promise<LedgerOverview> {
  const peers: PeerTip[] = await Promise.all(
    s.ledger.orgs.map(async ({ mspId }) => {
      try {
        const info = await s.ledger.chainInfo(mspId);
        return { org: mspId, reachable: true, height: info.height, currentBlockHash: info.currentBlockHash };
      } catch {
        return { org: mspId, reachable: false };
      }
    }),
  );
  const lastBlock = lastCompleteBlock(readCheckpoint(s.index));
  const own = peers.find((peer) => peer.org === s.ledger.mspId);
  const rows = statement(s.index, LATEST_BLOCKS_SQL).all(blocks) as { blockNumber: number; transactions: number; txIds: string }[];
  return {
    org: s.ledger.mspId,
    peers,
    diverged: diverged(peers),
    index: { lastBlock, lag: own?.height === undefined ? null : own.height - 1 - lastBlock },
    latestBlocks: rows.map((row) => ({ ...row, txIds: JSON.parse(row.txIds) as string[] })),
  };
}

export function diverged(peers: PeerTip[]): boolean {
  const tipAt = new Map<number, string>();
  for (const peer of peers) {
    if (!peer.reachable || peer.height === undefined) continue;
    const seen = tipAt.get(peer.height);
    if (seen !== undefined && seen !== peer.currentBlockHash) return true;
    tipAt.set(peer.height, peer.currentBlockHash!);
  }
  return false;
}
