/**
 * A write the ledger had already done: the chaincode answers a repeated lineId, batchId or
 * other natural id with the stored record and writes nothing. Such a transaction need not be
 * ordered at all; its receipt names the transaction that wrote the record, and that one's block.
 */
import type { Network, Transaction } from '@hyperledger/fabric-gateway';
import { common, gateway } from '@hyperledger/fabric-protos';
import { decodeTransaction } from '../verify/fabric/transaction';

type Stamped = { txId?: unknown; settlement?: { txId?: unknown } | null; recovery?: { txId?: unknown } | null } | null;

/**
 * Where the returned record names the transaction that did what `fn` does: the record's own
 * txId (the one that created it), except for the changes recorded inside a record.
 */
function stampOf(fn: string, record: Stamped): unknown {
  if (fn === 'disbursement:SettleLine') return record?.settlement?.txId;
  if (fn === 'disbursement:RecoverOverpayment') return record?.recovery?.txId;
  return record?.txId;
}

/**
 * The id of the transaction that already did this write, when the endorsed `transaction` writes
 * nothing and its record names another transaction; otherwise undefined (a real write).
 */
export function earlierWriterOf(fn: string, transaction: Transaction, record: unknown): string | undefined {
  const writtenBy = stampOf(fn, record as Stamped);
  if (typeof writtenBy !== 'string' || writtenBy === transaction.getTransactionId()) return undefined;
  const envelope = gateway.PreparedTransaction.deserializeBinary(transaction.getBytes()).getEnvelope();
  if (!envelope) return undefined;
  const writes = decodeTransaction(envelope.serializeBinary()).actions.flatMap((action) => action.writes);
  return writes.length === 0 ? writtenBy : undefined;
}

/** The number of the block holding `txId` (qscc GetBlockByTxID on the network's peer). */
export async function blockNumberOf(network: Network, txId: string): Promise<number> {
  const bytes = await network.getContract('qscc').evaluateTransaction('GetBlockByTxID', network.getName(), txId);
  return Number(common.Block.deserializeBinary(bytes).getHeader()?.getNumber() ?? -1);
}
