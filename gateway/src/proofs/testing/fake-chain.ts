/**
 * Test helper: a fake peer that answers qscc queries with the blocks of a captured bundle
 * (its block, with its validation codes, and the later headers), so bundles can be rebuilt
 * without a network.
 */
import { common } from '@hyperledger/fabric-protos';
import type { BlockJson, HeaderJson, ProofBundle, SignedBlockJson } from '../../verify/bundle';
import type { ChainQueries } from '../chain-queries';
import { HeaderCache } from '../header-cache';
import type { ProofSources } from '../transaction-bundle';

export function protoBlock(header: HeaderJson, data: string[] = [], validationCodes?: string, signatures?: string): common.Block {
  const block = new common.Block();
  const h = new common.BlockHeader();
  h.setNumber(header.number);
  h.setPreviousHash(Buffer.from(header.previousHash, 'hex'));
  h.setDataHash(Buffer.from(header.dataHash, 'hex'));
  block.setHeader(h);
  const blockData = new common.BlockData();
  blockData.setDataList(data.map((d) => Buffer.from(d, 'base64')));
  block.setData(blockData);
  const metadata = new common.BlockMetadata();
  const slots: Uint8Array[] = [new Uint8Array(), new Uint8Array(), new Uint8Array(), new Uint8Array(), new Uint8Array()];
  if (validationCodes) slots[common.BlockMetadataIndex.TRANSACTIONS_FILTER] = Buffer.from(validationCodes, 'hex');
  if (signatures) slots[common.BlockMetadataIndex.SIGNATURES] = Buffer.from(signatures, 'base64');
  metadata.setMetadataList(slots);
  block.setMetadata(metadata);
  return block;
}

export interface FakeChain extends ProofSources {
  fetched: number[];
}

export function fakeChainOf(bundle: ProofBundle): FakeChain {
  const byNumber = new Map<number, common.Block>();
  const add = (b: BlockJson & Partial<SignedBlockJson>, codes?: string) => byNumber.set(b.header.number, protoBlock(b.header, b.data, codes, b.signatures));
  add(bundle.block, bundle.block.validationCodes);
  bundle.configChain.forEach((b) => add(b));
  for (const header of [...bundle.headers, ...(bundle.earlierHeaders ?? [])]) byNumber.set(header.number, protoBlock(header));
  const fetched: number[] = [];
  const blockByNumber = async (n: number) => {
    fetched.push(n);
    const block = byNumber.get(n);
    if (!block) throw new Error(`no block ${n}`);
    return block;
  };
  const queries = {
    channel: bundle.channel,
    defaultOrg: 'AuditMSP',
    blockByTxId: async (txId: string) => {
      if (txId !== bundle.txId) throw Object.assign(new Error('no such transaction ID'), { details: [] });
      return byNumber.get(bundle.block.header.number)!;
    },
    blockByNumber,
    chainInfo: async () => ({ height: bundle.tip.number + 1, currentBlockHash: bundle.tip.hash }),
    orgs: bundle.attestations.map(({ org }) => ({ mspId: org })),
    signedTransactionStatus: async (txId: string, mspId: string) =>
      Buffer.from(bundle.attestations.find((a) => a.org === mspId)!.proposalResponse, 'base64'),
  } as unknown as ChainQueries;
  const configChain = async (lastConfig: number) => {
    fetched.push(lastConfig);
    return bundle.configChain.filter((b) => b.header.number <= lastConfig).map((b) => byNumber.get(b.header.number)!);
  };
  return { queries, headers: new HeaderCache(blockByNumber), configChain, fetched };
}
