/**
 * Reads a block as the index needs it: its VALID endorser transactions, in block order, with
 * the `welfare` chaincode event each one set. Full blocks (not fabric-gateway's chaincode-event
 * stream) because only they show every block, including blocks with no event, so the index
 * knows exactly how far it has read and a receipt's block number can be waited for.
 */
import { LEDGER_EVENT_NAME, type LedgerEvent } from '@welfare-ledger/chaincode/lib';
import { common, peer } from '@hyperledger/fabric-protos';
import type { ChainBlock, ChainTransaction } from './chain-events';
import { bytesField, repeatedBytesField, stringField, varintField } from './protobuf-fields';

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

/**
 * Field numbers of Fabric's messages on the way from an envelope to its chaincode event
 * (fabric-protos common/common.proto, peer/transaction.proto, peer/proposal_response.proto,
 * peer/proposal.proto, peer/chaincode_event.proto). Only these fields are read, without
 * decoding the rest (endorsements, proposal, read-write sets) into objects.
 */
const ENVELOPE_PAYLOAD = 1;
const PAYLOAD_HEADER = 1;
const PAYLOAD_DATA = 2;
const HEADER_CHANNEL_HEADER = 1;
const CHANNEL_HEADER_TYPE = 1;
const CHANNEL_HEADER_TX_ID = 5;
const TRANSACTION_ACTIONS = 1;
const TRANSACTION_ACTION_PAYLOAD = 2;
const CHAINCODE_ACTION_PAYLOAD_ACTION = 2;
const ENDORSED_ACTION_PROPOSAL_RESPONSE_PAYLOAD = 1;
const PROPOSAL_RESPONSE_PAYLOAD_EXTENSION = 2;
const CHAINCODE_ACTION_EVENTS = 2;
const CHAINCODE_EVENT_CHAINCODE_ID = 1;
const CHAINCODE_EVENT_NAME = 3;
const CHAINCODE_EVENT_PAYLOAD = 4;

function readEndorserTransaction(envelopeBytes: Uint8Array, txIndex: number, chaincodeName: string): ChainTransaction | null {
  const payload = bytesField(envelopeBytes, ENVELOPE_PAYLOAD);
  const channelHeader = bytesField(bytesField(payload, PAYLOAD_HEADER), HEADER_CHANNEL_HEADER);
  if (varintField(channelHeader, CHANNEL_HEADER_TYPE) !== common.HeaderType.ENDORSER_TRANSACTION) return null;
  const txId = stringField(channelHeader, CHANNEL_HEADER_TX_ID);
  return { txId, txIndex, event: ledgerEventOf(bytesField(payload, PAYLOAD_DATA), chaincodeName) };
}

function ledgerEventOf(transactionBytes: Uint8Array, chaincodeName: string): LedgerEvent | null {
  for (const action of repeatedBytesField(transactionBytes, TRANSACTION_ACTIONS)) {
    const endorsed = bytesField(bytesField(action, TRANSACTION_ACTION_PAYLOAD), CHAINCODE_ACTION_PAYLOAD_ACTION);
    const responsePayload = bytesField(endorsed, ENDORSED_ACTION_PROPOSAL_RESPONSE_PAYLOAD);
    const chaincodeAction = bytesField(responsePayload, PROPOSAL_RESPONSE_PAYLOAD_EXTENSION);
    const event = bytesField(chaincodeAction, CHAINCODE_ACTION_EVENTS);
    if (event.length === 0) continue;
    if (stringField(event, CHAINCODE_EVENT_CHAINCODE_ID) === chaincodeName && stringField(event, CHAINCODE_EVENT_NAME) === LEDGER_EVENT_NAME) {
      return JSON.parse(decoder.decode(bytesField(event, CHAINCODE_EVENT_PAYLOAD))) as LedgerEvent;
    }
  }
  return null;
}
