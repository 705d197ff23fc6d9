/**
 * A write the ledger had already done: the chaincode answers a repeated lineId, batchId or
 * other natural id with the stored record and writes nothing. Such a transaction need not be
 * ordered at all; its receipt names the transaction that wrote the record, and that one's block.
 */
import type { Network, Transaction } from '@hyperledger/fabric-gateway';
import { common, gateway } from '@hyperledger/fabric-protos';
import { decodeTransaction } from '../verify/fabric/transaction';

/**
 * The id of the transaction that wrote `record`, when the endorsed `transaction` writes nothing
 * and returns a record stamped by another transaction; otherwise undefined (a real write).
 */
export function earlierWriterOf(transaction: Transaction, record: unknown): string | undefined {
  const writtenBy = (record as { txId?: unknown } | null)?.txId;
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
