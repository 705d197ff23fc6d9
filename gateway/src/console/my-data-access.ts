/**
 * "Who read my data": every anchored access event about one pseudonym, each with what a browser
 * needs to check its inclusion itself: the event exactly as it was hashed, its leaf index, the
 * RFC 6962 audit path and the batch root written by the anchoring transaction (txId, block).
 * The path and root come from this gateway's index; the transaction's own proof bundle
 * (/v1/proofs/tx/{txId}) is what proves that root is on the chain.
 */
import { type AccessEvent, accessEventLeaf, inclusionProof } from '@welfare-ledger/chaincode/lib';
import { accessBatch } from '../index/lookups';
import { type IndexDb, statement } from '../index/sqlite';
import { type AccessEventRow, accessEventRecord } from '../index/views';

/** More than a person's page would hold; the answer says when there were more. */
export const MY_DATA_MAX_EVENTS = 500;

export interface ProvableAccess {
  event: AccessEvent;
  /** The accessor's org (MSP id), from the system registry; null for a system the index does not know. */
  accessorOrg: string | null;
  txId: string;
  blockNumber: number;
  batchId: string;
  leafIndex: number;
  treeSize: number;
  root: string;
  path: string[];
}

const EVENTS_SQL = `SELECT * FROM access_events WHERE subject_ref = ? ORDER BY block_number, tx_index, change_index LIMIT ?`;
const ORG_SQL = 'SELECT org FROM systems WHERE system_id = ?';

export function accessesOf(db: IndexDb, subjectRef: string): { events: ProvableAccess[]; truncated: boolean } {
  const rows = statement(db, EVENTS_SQL).all(subjectRef, MY_DATA_MAX_EVENTS + 1) as AccessEventRow[];
  const leavesByBatch = new Map<string, string[]>();
  const events = rows.slice(0, MY_DATA_MAX_EVENTS).map((row) => {
    const batch = accessBatch(db, row.batch_id)!;
    if (!leavesByBatch.has(row.batch_id)) leavesByBatch.set(row.batch_id, batch.events.map((e) => accessEventLeaf(e.record)));
    const leaves = leavesByBatch.get(row.batch_id)!;
    const org = statement(db, ORG_SQL).get(row.accessor_system_id) as { org: string } | undefined;
    return {
      event: accessEventRecord(row),
      accessorOrg: org?.org ?? null,
      txId: row.tx_id,
      blockNumber: row.block_number,
      batchId: row.batch_id,
      leafIndex: row.leaf_index,
      treeSize: batch.record.count,
      root: batch.record.root,
      path: inclusionProof(row.leaf_index, leaves).map((node) => node.toString('hex')),
    };
  });
  return { events, truncated: rows.length > MY_DATA_MAX_EVENTS };
}
