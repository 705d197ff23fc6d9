/**
 * Reads a block as the index needs it: its VALID endorser transactions, in block order, with
 * the `welfare` chaincode event each one set. Full blocks (not fabric-gateway's chaincode-event
 * stream) because only they show every block, including blocks with no event, so the index
 * knows exactly how far it has read and a receipt's block number can be waited for.
 */
import { LEDGER_EVENT_NAME, type LedgerEvent } from '@welfare-ledger/chaincode/lib';
import { common, peer } from '@hyperledger/fabric-protos';
import type { ChainBlock, ChainTransaction } from './chain-events';

const decoder = new TextDecoder();

export function readBlock(block: common.Block, chaincodeName: string): ChainBlock {
  const blockNumber = block.getHeader()!.getNumber();
  const validationCodes = transactionFilter(block);
  const transactions: ChainTransaction[] = [];
  block
    .getData()!
    .getDataList_asU8()
    .forEach((envelopeBytes, txIndex) => {
      if (validationCodes[txIndex] !== peer.TxValidationCode.VALID) return;
      const transaction = readEndorserTransaction(envelopeBytes, txIndex, chaincodeName);
      if (transaction) transactions.push(transaction);
    });
  return { blockNumber, transactions };
}

/** The committing peer's validation code of each transaction, by position in the block. */
function transactionFilter(block: common.Block): Uint8Array {
  const metadata = block.getMetadata()?.getMetadataList_asU8() ?? [];
  return metadata[common.BlockMetadataIndex.TRANSACTIONS_FILTER] ?? new Uint8Array();
}

function readEndorserTransaction(envelopeBytes: Uint8Array, txIndex: number, chaincodeName: string): ChainTransaction | null {
  const payload = common.Payload.deserializeBinary(common.Envelope.deserializeBinary(envelopeBytes).getPayload_asU8());
  const channelHeader = common.ChannelHeader.deserializeBinary(payload.getHeader()!.getChannelHeader_asU8());
  if (channelHeader.getType() !== common.HeaderType.ENDORSER_TRANSACTION) return null;
  const txId = channelHeader.getTxId();
  return { txId, txIndex, event: ledgerEventOf(payload.getData_asU8(), chaincodeName) };
}

function ledgerEventOf(transactionBytes: Uint8Array, chaincodeName: string): LedgerEvent | null {
  for (const action of peer.Transaction.deserializeBinary(transactionBytes).getActionsList()) {
    const endorsed = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8()).getAction();
    if (!endorsed) continue;
    const responsePayload = peer.ProposalResponsePayload.deserializeBinary(endorsed.getProposalResponsePayload_asU8());
    const chaincodeAction = peer.ChaincodeAction.deserializeBinary(responsePayload.getExtension_asU8());
    const eventBytes = chaincodeAction.getEvents_asU8();
    if (eventBytes.length === 0) continue;
    const event = peer.ChaincodeEvent.deserializeBinary(eventBytes);
    if (event.getChaincodeId() === chaincodeName && event.getEventName() === LEDGER_EVENT_NAME) {
      return JSON.parse(decoder.decode(event.getPayload_asU8())) as LedgerEvent;
    }
  }
  return null;
}
