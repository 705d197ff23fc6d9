/**
 * Test helper: a whole Fabric channel forged with node:crypto — our own CAs for three
 * application orgs and an orderer org, their peers, clients and orderer nodes, a genesis block,
 * later config blocks, endorsed transactions, orderer-signed blocks, the peers' signed answers
 * and checkpoints — built byte for byte as Fabric 2.5 builds them. A bundle from it verifies
 * under its own trust anchor; the forgery table bends one thing at a time, each forgery
 * internally consistent (re-hashed, re-signed with keys the attacker would hold).
 */
import { common, ledger, msp, peer } from '@hyperledger/fabric-protos';
import { createHash, randomBytes, sign } from 'node:crypto';
import { blockDataHash, blockHeaderBytes, blockHeaderHash } from '../block-hash';
import { BUNDLE_FORMAT, BUNDLE_VERSION, TRUST_FORMAT, type ProofBundle, type SignedBlockJson, type TrustAnchor, type WriteClaim } from '../bundle';
import { base64, hex } from '../bytes';
import { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, type PeerCheckpoint } from '../checkpoint';
import { issueCertificate, issueRevocationList, type Issued } from './x509';

export const APP_ORGS = ['CivilAffairsMSP', 'FinanceMSP', 'AuditMSP'] as const;
export const ORDERER_ORG = 'OrdererMSP';
const Role = msp.MSPRole.MSPRoleType;

export interface Identity {
  mspId: string;
  cert: Issued;
  /** Serialized msp.SerializedIdentity bytes. */
  bytes: Uint8Array;
}

export interface ForgedBlock {
  block: common.Block;
  number: number;
}

export interface TransactionSpec {
  creator?: Identity;
  endorsers?: Identity[];
  writes?: Array<{ key: string; value: string | Uint8Array }>;
  chaincode?: string;
  args?: string[];
  timestamp?: Date;
  /** Keys read (namespace default: the chaincode's), each at a version [block, tx] or absent (null). */
  reads?: ForgedRead[];
  /** Range reads, as Fabric records them (raw results or a Merkle summary), in the chaincode's namespace. */
  ranges?: ledger.rwset.kvrwset.RangeQueryInfo[];
  /** The chaincode version the endorsers name in their answer. */
  chaincodeVersion?: string;
  /** The signature header's nonce (so a test knows the txId before it builds the transaction). */
  nonce?: Uint8Array;
}

export interface ForgedRead {
  namespace?: string;
  key: string;
  version: [number, number] | null;
}

export interface ForgedTransaction {
  txId: string;
  envelope: Uint8Array;
  /** The parts a crosslinking attacker reuses. */
  channelHeader: Uint8Array;
  signatureHeader: Uint8Array;
  chaincodeActionPayload: peer.ChaincodeActionPayload;
}

export class ForgedNetwork {
  readonly cas = new Map<string, Issued>();
  readonly crls = new Map<string, string[]>();
  readonly blocks: common.Block[] = [];
  /** The version of each org's MSP value (bumped by each config update that changes it). */
  private readonly mspVersions = new Map<string, number>();
  private sequence = 0;
  private lastConfig = 0;

  constructor(readonly channel = 'welfare', readonly orgName = 'forged') {
    for (const mspId of [...APP_ORGS, ORDERER_ORG]) {
      this.cas.set(mspId, issueCertificate({ O: `${mspId.toLowerCase()}.${orgName}`, CN: `ca.${mspId.toLowerCase()}.${orgName}` }, { ca: true }));
    }
    this.orderer = this.identity(ORDERER_ORG, 'orderer');
    this.peers = new Map(APP_ORGS.map((mspId) => [mspId, this.identity(mspId, 'peer')]));
    this.clients = new Map(APP_ORGS.map((mspId) => [mspId, this.identity(mspId, 'client')]));
    this.admins = new Map([...APP_ORGS, ORDERER_ORG].map((mspId) => [mspId, this.identity(mspId, 'admin')]));
    this.appendBlock([this.configEnvelope()], { signer: null });
  }

  readonly orderer: Identity;
  readonly peers: Map<string, Identity>;
  readonly clients: Map<string, Identity>;
  readonly admins: Map<string, Identity>;

  /** A new identity of `mspId` with the node OU `ou`, issued by that org's CA (or by `issuer`). */
  identity(mspId: string, ou: 'client' | 'peer' | 'orderer' | 'admin', options: { issuer?: Issued; notAfter?: Date } = {}): Identity {
    const ca = options.issuer ?? this.cas.get(mspId)!;
    const cert = issueCertificate({ O: ca.name.O, OU: ou, CN: `${ou}${randomBytes(2).toString('hex')}.${ca.name.O}` }, { issuer: ca, notAfter: options.notAfter });
    const serialized = new msp.SerializedIdentity();
    serialized.setMspid(mspId);
    serialized.setIdBytes(Buffer.from(cert.pem));
    return { mspId, cert, bytes: serialized.serializeBinary() };
  }

  get trust(): TrustAnchor {
    return { format: TRUST_FORMAT, version: 1, channel: this.channel, genesisHash: hex(headerHash(this.blocks[0])) };
  }

  /**
   * A config update, as an org admin signs it and the orderers order it: `change` edits the CRLs;
   * the MSP values of the orgs whose CRLs changed (or `touch`) get a new version; the update is
   * signed by `updateSigners` (default: those orgs' admins) and the block by `signer`.
   * `smuggleRootOf` replaces that org's CA in the new config without the update saying so.
   */
  updateConfig(
    change: (crls: Map<string, string[]>) => void,
    options: { signer?: Identity | null; sequence?: number; touch?: string[]; updateSigners?: Identity[]; smuggleRootOf?: string } = {},
  ): ForgedBlock {
    const before = new Map([...this.crls].map(([k, v]) => [k, [...v]]));
    change(this.crls);
    const changed = [...APP_ORGS, ORDERER_ORG].filter((mspId) => JSON.stringify(before.get(mspId) ?? []) !== JSON.stringify(this.crls.get(mspId) ?? []));
    const touched = options.touch ?? (changed.length ? changed : ['FinanceMSP']);
    for (const mspId of touched) this.mspVersions.set(mspId, (this.mspVersions.get(mspId) ?? 0) + 1);
    const lastUpdate = this.configUpdate(touched, options.updateSigners ?? touched.map((mspId) => this.admins.get(mspId)!));
    if (options.smuggleRootOf) {
      const mspId = options.smuggleRootOf;
      this.cas.set(mspId, issueCertificate({ O: `${mspId.toLowerCase()}.smuggled`, CN: `ca.${mspId.toLowerCase()}.smuggled` }, { ca: true }));
    }
    this.sequence = options.sequence ?? this.sequence + 1;
    const number = this.blocks.length;
    this.lastConfig = number;
    return this.appendBlock([this.configEnvelope(lastUpdate)], { signer: options.signer === undefined ? this.orderer : options.signer });
  }

  /** The CONFIG_UPDATE envelope writing the MSP values of `touched` orgs, signed by `signers`. */
  private configUpdate(touched: string[], signers: Identity[]): common.Envelope {
    const readSet = new common.ConfigGroup();
    const writeSet = new common.ConfigGroup();
    const groups: Array<[string, readonly string[]]> = [['Application', APP_ORGS], ['Orderer', [ORDERER_ORG]]];
    for (const [groupName, orgs] of groups) {
      const mine = touched.filter((mspId) => orgs.includes(mspId));
      if (mine.length === 0) continue;
      const [readGroup, writeGroup] = [new common.ConfigGroup(), new common.ConfigGroup()];
      for (const mspId of mine) {
        readGroup.getGroupsMap().set(orgGroupName(mspId), new common.ConfigGroup());
        const written = new common.ConfigGroup();
        written.getValuesMap().set('MSP', this.orgGroupOf(mspId).getValuesMap().get('MSP')!);
        writeGroup.getGroupsMap().set(orgGroupName(mspId), written);
      }
      readSet.getGroupsMap().set(groupName, readGroup);
      writeSet.getGroupsMap().set(groupName, writeGroup);
    }
    const update = new common.ConfigUpdate();
    update.setChannelId(this.channel);
    update.setReadSet(readSet);
    update.setWriteSet(writeSet);
    const updateBytes = update.serializeBinary();
    const updateEnvelope = new common.ConfigUpdateEnvelope();
    updateEnvelope.setConfigUpdate(updateBytes);
    updateEnvelope.setSignaturesList(signers.map((signer) => {
      const header = signatureHeaderBytes(signer, randomBytes(24));
      const signature = new common.ConfigSignature();
      signature.setSignatureHeader(header);
      signature.setSignature(signWith(signer, Buffer.concat([header, updateBytes])));
      return signature;
    }));
    const header = new common.Header();
    header.setChannelHeader(channelHeaderBytes(common.HeaderType.CONFIG_UPDATE, this.channel, '', new Date(Date.UTC(2026, 0, 2))));
    header.setSignatureHeader(new Uint8Array());
    const payload = new common.Payload();
    payload.setHeader(header);
    payload.setData(updateEnvelope.serializeBinary());
    const envelope = new common.Envelope();
    envelope.setPayload(payload.serializeBinary());
    return envelope;
  }

  private orgGroupOf(mspId: string): common.ConfigGroup {
    const org = orgGroup(mspId, this.cas.get(mspId)!, this.crls.get(mspId) ?? [], this.mspVersions.get(mspId) ?? 0);
    if (mspId === ORDERER_ORG) {
      setPolicy(org, 'Writers', signedBy(ORDERER_ORG, Role.MEMBER));
    } else {
      setPolicy(org, 'Endorsement', signedBy(mspId, Role.PEER));
      setPolicy(org, 'Writers', signedBy(mspId, Role.MEMBER));
    }
    setPolicy(org, 'Admins', signedBy(mspId, Role.ADMIN));
    return org;
  }

  /** Revokes an identity's certificate in its org's CRL (takes effect with the next config update). */
  revoke(identity: Identity): void {
    const list = this.crls.get(identity.mspId) ?? [];
    this.crls.set(identity.mspId, [...list, issueRevocationList(this.cas.get(identity.mspId)!, [identity.cert.serial])]);
  }

  /** An endorsed transaction as a Fabric client would assemble it. */
  transaction(spec: TransactionSpec = {}): ForgedTransaction {
    const creator = spec.creator ?? this.clients.get('FinanceMSP')!;
    const endorsers = spec.endorsers ?? [this.peers.get('FinanceMSP')!, this.peers.get('AuditMSP')!];
    const chaincode = spec.chaincode ?? 'welfare';
    const nonce = spec.nonce ?? randomBytes(24);
    const txId = createHash('sha256').update(nonce).update(creator.bytes).digest('hex');
    const channelHeader = channelHeaderBytes(common.HeaderType.ENDORSER_TRANSACTION, this.channel, txId, spec.timestamp ?? new Date(Date.UTC(2026, 5, 1)), chaincode);
    const signatureHeader = signatureHeaderBytes(creator, nonce);
    const proposalPayload = chaincodeProposalPayload(chaincode, spec.args ?? ['line:PostLine', '{}']);
    const proposalHash = createHash('sha256').update(channelHeader).update(signatureHeader).update(proposalPayload).digest();
    const writes = spec.writes ?? [{ key: '\u0000line\u0000FORGED-1\u0000', value: '{"amountFen":100}' }];
    const responsePayload = proposalResponsePayload(proposalHash, chaincode, writes, spec);
    const action = new peer.ChaincodeEndorsedAction();
    action.setProposalResponsePayload(responsePayload);
    action.setEndorsementsList(endorsers.map((e) => endorsement(e, responsePayload)));
    const actionPayload = new peer.ChaincodeActionPayload();
    actionPayload.setChaincodeProposalPayload(proposalPayload);
    actionPayload.setAction(action);
    return { txId, channelHeader, signatureHeader, chaincodeActionPayload: actionPayload, envelope: this.wrap(channelHeader, signatureHeader, signatureHeader, actionPayload, creator) };
  }

  /** Wraps an endorsed action into a signed envelope (the crosslinking attacker's tool: any headers, any signer). */
  wrap(channelHeader: Uint8Array, signatureHeader: Uint8Array, actionHeader: Uint8Array, actionPayload: peer.ChaincodeActionPayload, signer: Identity): Uint8Array {
    const txAction = new peer.TransactionAction();
    txAction.setHeader(actionHeader);
    txAction.setPayload(actionPayload.serializeBinary());
    const tx = new peer.Transaction();
    tx.setActionsList([txAction]);
    const header = new common.Header();
    header.setChannelHeader(channelHeader);
    header.setSignatureHeader(signatureHeader);
    const payload = new common.Payload();
    payload.setHeader(header);
    payload.setData(tx.serializeBinary());
    const payloadBytes = payload.serializeBinary();
    const envelope = new common.Envelope();
    envelope.setPayload(payloadBytes);
    envelope.setSignature(signWith(signer, payloadBytes));
    return envelope.serializeBinary();
  }

  /**
   * The crosslinking attack (CVE-2023-46132): `attacker` wraps `tx`'s endorsed action in its own
   * envelope under a txId derived from its own nonce and creator; the action keeps `tx`'s
   * signature header, or takes the attacker's.
   */
  crosslink(tx: ForgedTransaction, attacker: Identity, actionHeader: 'original' | 'attacker'): Uint8Array {
    const nonce = randomBytes(24);
    const txId = createHash('sha256').update(nonce).update(attacker.bytes).digest('hex');
    const channelHeader = Buffer.from(Buffer.from(tx.channelHeader).toString('latin1').replace(tx.txId, txId), 'latin1');
    const signatureHeader = signatureHeaderBytes(attacker, nonce);
    return this.wrap(channelHeader, signatureHeader, actionHeader === 'original' ? tx.signatureHeader : signatureHeader, tx.chaincodeActionPayload, attacker);
  }

  /** The transaction's endorsed action re-wrapped under a fresh nonce, keeping its channel header (and so its txId). */
  withFreshNonce(tx: ForgedTransaction, creator: Identity): Uint8Array {
    const signatureHeader = signatureHeaderBytes(creator, randomBytes(24));
    return this.wrap(tx.channelHeader, signatureHeader, signatureHeader, tx.chaincodeActionPayload, creator);
  }

  /** Orders envelopes into the next block, signed by `signer` (default the orderer node). */
  appendBlock(envelopes: Uint8Array[], options: { signer?: Identity | null; codes?: number[]; lastConfig?: number } = {}): ForgedBlock {
    const number = this.blocks.length;
    const header = new common.BlockHeader();
    header.setNumber(number);
    header.setPreviousHash(number === 0 ? new Uint8Array() : headerHash(this.blocks[number - 1]));
    header.setDataHash(blockDataHash(envelopes));
    const data = new common.BlockData();
    data.setDataList(envelopes.map((e) => Buffer.from(e)));
    const block = new common.Block();
    block.setHeader(header);
    block.setData(data);
    const signer = options.signer === undefined ? this.orderer : options.signer;
    const metadata = new common.BlockMetadata();
    const slots: Uint8Array[] = [new Uint8Array(), new Uint8Array(), new Uint8Array(), new Uint8Array(), new Uint8Array()];
    slots[common.BlockMetadataIndex.SIGNATURES] = signer ? blockSignatures(block, signer, options.lastConfig ?? this.lastConfig) : new Uint8Array();
    slots[common.BlockMetadataIndex.TRANSACTIONS_FILTER] = Buffer.from(options.codes ?? envelopes.map(() => 0));
    metadata.setMetadataList(slots);
    block.setMetadata(metadata);
    this.blocks.push(block);
    return { block, number };
  }

  /** A peer's signed answer to qscc GetTransactionByID: the envelope and the code it committed it with. */
  attestation(signer: Identity, envelope: Uint8Array, code = 0): string {
    const processed = new peer.ProcessedTransaction();
    processed.setTransactionenvelope(common.Envelope.deserializeBinary(envelope));
    processed.setValidationcode(code);
    return base64(signedAnswer(signer, randomBytes(32), processed.serializeBinary()));
  }

  /** A checkpoint: `signer`'s signed answer to qscc GetChainInfo at the current tip. */
  checkpoint(signer: Identity, org = signer.mspId): PeerCheckpoint {
    const creator = this.clients.get('AuditMSP')!;
    const nonce = randomBytes(24);
    const txId = createHash('sha256').update(nonce).update(creator.bytes).digest('hex');
    const header = new common.Header();
    header.setChannelHeader(channelHeaderBytes(common.HeaderType.ENDORSER_TRANSACTION, this.channel, txId, new Date(Date.UTC(2026, 5, 2)), 'qscc'));
    header.setSignatureHeader(signatureHeaderBytes(creator, nonce));
    const proposal = new peer.Proposal();
    proposal.setHeader(header.serializeBinary());
    proposal.setPayload(chaincodeProposalPayload('qscc', ['GetChainInfo', this.channel]));
    const proposalBytes = proposal.serializeBinary();
    const hash = createHash('sha256').update(header.getChannelHeader_asU8()).update(header.getSignatureHeader_asU8()).update(proposal.getPayload_asU8()).digest();
    const tip = this.blocks[this.blocks.length - 1];
    const info = new common.BlockchainInfo();
    info.setHeight(this.blocks.length);
    info.setCurrentblockhash(headerHash(tip));
    info.setPreviousblockhash(tip.getHeader()!.getPreviousHash_asU8());
    return {
      format: CHECKPOINT_FORMAT,
      version: CHECKPOINT_VERSION,
      channel: this.channel,
      org,
      proposal: base64(proposalBytes),
      proposalResponse: base64(signedAnswer(signer, hash, info.serializeBinary())),
    };
  }

  /** The bundle of the transaction at `entry` of block `number`, with every org's peer's attestation. */
  bundle(number: number, claims: WriteClaim[], entry = 0): ProofBundle {
    const block = this.blocks[number];
    const envelope = block.getData()!.getDataList_asU8()[entry];
    const payload = common.Payload.deserializeBinary(common.Envelope.deserializeBinary(envelope).getPayload_asU8());
    const txId = common.ChannelHeader.deserializeBinary(payload.getHeader()!.getChannelHeader_asU8()).getTxId();
    const later = this.blocks.slice(number + 1).map((b) => signedBlockJson(b).header);
    const tip = this.blocks[this.blocks.length - 1];
    const code = block.getMetadata()!.getMetadataList_asU8()[common.BlockMetadataIndex.TRANSACTIONS_FILTER][entry];
    return {
      format: BUNDLE_FORMAT,
      version: BUNDLE_VERSION,
      kind: 'transaction',
      channel: this.channel,
      txId,
      block: { ...signedBlockJson(block), validationCodes: hex(block.getMetadata()!.getMetadataList_asU8()[common.BlockMetadataIndex.TRANSACTIONS_FILTER]) },
      attestations: APP_ORGS.map((org) => ({ org, proposalResponse: this.attestation(this.peers.get(org)!, envelope, code) })),
      transaction: { index: entry, envelope: base64(envelope) },
      headers: later,
      tip: { number: this.blocks.length - 1, hash: hex(headerHash(tip)) },
      configChain: this.configBlocksUpTo(number).map(signedBlockJson),
      claims,
    };
  }

  /** Config blocks from genesis to the one in effect for block `number`. */
  configBlocksUpTo(number: number): common.Block[] {
    return this.blocks.filter((b, n) => n <= number && isConfigBlock(b));
  }

  private configEnvelope(lastUpdate?: common.Envelope): Uint8Array {
    const application = new common.ConfigGroup();
    application.setModPolicy('Admins');
    for (const mspId of APP_ORGS) application.getGroupsMap().set(orgGroupName(mspId), this.orgGroupOf(mspId));
    setPolicy(application, 'Endorsement', implicitMeta(common.ImplicitMetaPolicy.Rule.MAJORITY, 'Endorsement'));
    setPolicy(application, 'LifecycleEndorsement', implicitMeta(common.ImplicitMetaPolicy.Rule.MAJORITY, 'Endorsement'));
    setPolicy(application, 'Admins', implicitMeta(common.ImplicitMetaPolicy.Rule.MAJORITY, 'Admins'));
    const orderer = new common.ConfigGroup();
    orderer.setModPolicy('Admins');
    orderer.getGroupsMap().set(orgGroupName(ORDERER_ORG), this.orgGroupOf(ORDERER_ORG));
    setPolicy(orderer, 'BlockValidation', implicitMeta(common.ImplicitMetaPolicy.Rule.ANY, 'Writers'));
    setPolicy(orderer, 'Admins', implicitMeta(common.ImplicitMetaPolicy.Rule.MAJORITY, 'Admins'));
    const channelGroup = new common.ConfigGroup();
    channelGroup.getGroupsMap().set('Application', application);
    channelGroup.getGroupsMap().set('Orderer', orderer);
    channelGroup.setModPolicy('Admins');
    setPolicy(channelGroup, 'Admins', implicitMeta(common.ImplicitMetaPolicy.Rule.MAJORITY, 'Admins'));
    const config = new common.Config();
    config.setSequence(this.sequence);
    config.setChannelGroup(channelGroup);
    const configEnvelope = new common.ConfigEnvelope();
    configEnvelope.setConfig(config);
    if (lastUpdate) configEnvelope.setLastUpdate(lastUpdate);
    const header = new common.Header();
    header.setChannelHeader(channelHeaderBytes(common.HeaderType.CONFIG, this.channel, '', new Date(Date.UTC(2026, 0, 1))));
    header.setSignatureHeader(new Uint8Array());
    const payload = new common.Payload();
    payload.setHeader(header);
    payload.setData(configEnvelope.serializeBinary());
    const envelope = new common.Envelope();
    envelope.setPayload(payload.serializeBinary());
    return envelope.serializeBinary();
  }
}

export function headerHash(block: common.Block): Buffer {
  const header = block.getHeader()!;
  return blockHeaderHash({ number: header.getNumber(), previousHash: header.getPreviousHash_asU8(), dataHash: header.getDataHash_asU8() });
}

export function signedBlockJson(block: common.Block): SignedBlockJson {
  const header = block.getHeader()!;
  return {
    header: { number: header.getNumber(), previousHash: hex(header.getPreviousHash_asU8()), dataHash: hex(header.getDataHash_asU8()) },
    data: block.getData()!.getDataList_asU8().map(base64),
    signatures: base64(block.getMetadata()!.getMetadataList_asU8()[common.BlockMetadataIndex.SIGNATURES]),
  };
}

/** The orderer's SIGNATURES metadata over a block, as Fabric 2.5's BlockWriter writes it. */
export function blockSignatures(block: common.Block, signer: Identity, lastConfig: number): Uint8Array {
  const lastConfigProto = new common.LastConfig();
  lastConfigProto.setIndex(lastConfig);
  const value = new common.OrdererBlockMetadata();
  value.setLastConfig(lastConfigProto);
  const valueBytes = value.serializeBinary();
  const signatureHeader = signatureHeaderBytes(signer, randomBytes(24));
  const header = block.getHeader()!;
  const headerBytes = blockHeaderBytes({ number: header.getNumber(), previousHash: header.getPreviousHash_asU8(), dataHash: header.getDataHash_asU8() });
  const signature = new common.MetadataSignature();
  signature.setSignatureHeader(signatureHeader);
  signature.setSignature(signWith(signer, Buffer.concat([valueBytes, signatureHeader, headerBytes])));
  const metadata = new common.Metadata();
  metadata.setValue(valueBytes);
  metadata.setSignaturesList([signature]);
  return metadata.serializeBinary();
}

export function signWith(identity: Identity, bytes: Uint8Array): Buffer {
  return sign('sha256', bytes, identity.cert.keys.privateKey);
}

function isConfigBlock(block: common.Block): boolean {
  const entries = block.getData()!.getDataList_asU8();
  if (entries.length !== 1) return false;
  const payload = common.Payload.deserializeBinary(common.Envelope.deserializeBinary(entries[0]).getPayload_asU8());
  return common.ChannelHeader.deserializeBinary(payload.getHeader()!.getChannelHeader_asU8()).getType() === common.HeaderType.CONFIG;
}

/** A channel header, with its timestamp appended as raw protobuf (field 3), as the bytes a client signs. */
function channelHeaderBytes(type: number, channel: string, txId: string, at: Date, chaincode?: string): Buffer {
  const header = new common.ChannelHeader();
  header.setType(type);
  header.setChannelId(channel);
  header.setTxId(txId);
  if (chaincode) {
    const extension = new peer.ChaincodeHeaderExtension();
    const id = new peer.ChaincodeID();
    id.setName(chaincode);
    extension.setChaincodeId(id);
    header.setExtension$(extension.serializeBinary());
  }
  const timestamp = Buffer.concat([Buffer.from([0x08]), varint(Math.floor(at.getTime() / 1000))]);
  return Buffer.concat([Buffer.from(header.serializeBinary()), Buffer.from([0x1a, timestamp.length]), timestamp]);
}

function varint(value: number): Buffer {
  const bytes: number[] = [];
  let v = value;
  while (v >= 0x80) {
    bytes.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  bytes.push(v);
  return Buffer.from(bytes);
}

function signatureHeaderBytes(creator: Identity, nonce: Uint8Array): Uint8Array {
  const header = new common.SignatureHeader();
  header.setCreator(creator.bytes);
  header.setNonce(nonce);
  return header.serializeBinary();
}

function chaincodeProposalPayload(chaincode: string, args: string[]): Uint8Array {
  const id = new peer.ChaincodeID();
  id.setName(chaincode);
  const input = new peer.ChaincodeInput();
  input.setArgsList(args.map((a) => Buffer.from(a)));
  const spec = new peer.ChaincodeSpec();
  spec.setChaincodeId(id);
  spec.setInput(input);
  const invocation = new peer.ChaincodeInvocationSpec();
  invocation.setChaincodeSpec(spec);
  const payload = new peer.ChaincodeProposalPayload();
  payload.setInput(invocation.serializeBinary());
  return payload.serializeBinary();
}

function proposalResponsePayload(proposalHash: Uint8Array, chaincode: string, writes: Array<{ key: string; value: string | Uint8Array }>, spec: TransactionSpec = {}): Uint8Array {
  const namespaces = new Map<string, ledger.rwset.kvrwset.KVRWSet>();
  const kvOf = (namespace: string) => {
    if (!namespaces.has(namespace)) namespaces.set(namespace, new ledger.rwset.kvrwset.KVRWSet());
    return namespaces.get(namespace)!;
  };
  for (const read of spec.reads ?? []) {
    const kvRead = new ledger.rwset.kvrwset.KVRead();
    kvRead.setKey(read.key);
    if (read.version) {
      const version = new ledger.rwset.kvrwset.Version();
      version.setBlockNum(read.version[0]);
      version.setTxNum(read.version[1]);
      kvRead.setVersion(version);
    }
    kvOf(read.namespace ?? chaincode).addReads(kvRead);
  }
  for (const range of spec.ranges ?? []) kvOf(chaincode).addRangeQueriesInfo(range);
  kvOf(chaincode).setWritesList(writes.map(({ key, value }) => {
    const write = new ledger.rwset.kvrwset.KVWrite();
    write.setKey(key);
    write.setValue(typeof value === 'string' ? Buffer.from(value) : value);
    return write;
  }));
  const rwset = new ledger.rwset.TxReadWriteSet();
  rwset.setDataModel(ledger.rwset.TxReadWriteSet.DataModel.KV);
  rwset.setNsRwsetList([...namespaces].map(([namespace, kv]) => {
    const ns = new ledger.rwset.NsReadWriteSet();
    ns.setNamespace(namespace);
    ns.setRwset(kv.serializeBinary());
    return ns;
  }));
  const response = new peer.Response();
  response.setStatus(200);
  const id = new peer.ChaincodeID();
  id.setName(chaincode);
  if (spec.chaincodeVersion) id.setVersion(spec.chaincodeVersion);
  const action = new peer.ChaincodeAction();
  action.setResults(rwset.serializeBinary());
  action.setResponse(response);
  action.setChaincodeId(id);
  const payload = new peer.ProposalResponsePayload();
  payload.setProposalHash(proposalHash);
  payload.setExtension$(action.serializeBinary());
  return payload.serializeBinary();
}

function endorsement(endorser: Identity, responsePayload: Uint8Array): peer.Endorsement {
  const e = new peer.Endorsement();
  e.setEndorser(endorser.bytes);
  e.setSignature(signWith(endorser, Buffer.concat([responsePayload, endorser.bytes])));
  return e;
}

/** A ProposalResponse whose ChaincodeAction answers `answer` (status 200), signed by `signer` as an endorsement. */
function signedAnswer(signer: Identity, proposalHash: Uint8Array, answer: Uint8Array): Uint8Array {
  const response = new peer.Response();
  response.setStatus(200);
  response.setPayload(answer);
  const action = new peer.ChaincodeAction();
  action.setResponse(response);
  const payload = new peer.ProposalResponsePayload();
  payload.setProposalHash(proposalHash);
  payload.setExtension$(action.serializeBinary());
  const payloadBytes = payload.serializeBinary();
  const proposalResponse = new peer.ProposalResponse();
  proposalResponse.setVersion(1);
  proposalResponse.setResponse(response);
  proposalResponse.setPayload(payloadBytes);
  proposalResponse.setEndorsement(endorsement(signer, payloadBytes));
  return proposalResponse.serializeBinary();
}

function orgGroupName(mspId: string): string {
  return mspId === ORDERER_ORG ? 'OrdererOrg' : mspId.replace(/MSP$/, '');
}

function orgGroup(mspId: string, ca: Issued, crls: string[], version: number): common.ConfigGroup {
  const ou = (name: string) => {
    const identifier = new msp.FabricOUIdentifier();
    identifier.setOrganizationalUnitIdentifier(name);
    return identifier;
  };
  const nodeOUs = new msp.FabricNodeOUs();
  nodeOUs.setEnable(true);
  nodeOUs.setClientOuIdentifier(ou('client'));
  nodeOUs.setPeerOuIdentifier(ou('peer'));
  nodeOUs.setAdminOuIdentifier(ou('admin'));
  nodeOUs.setOrdererOuIdentifier(ou('orderer'));
  const fabric = new msp.FabricMSPConfig();
  fabric.setName(mspId);
  fabric.setRootCertsList([Buffer.from(ca.pem)]);
  fabric.setRevocationListList(crls.map((crl) => Buffer.from(crl)));
  fabric.setFabricNodeOus(nodeOUs);
  const mspConfig = new msp.MSPConfig();
  mspConfig.setType(0);
  mspConfig.setConfig(fabric.serializeBinary());
  const value = new common.ConfigValue();
  value.setValue(mspConfig.serializeBinary());
  value.setVersion(version);
  value.setModPolicy('Admins');
  const group = new common.ConfigGroup();
  group.setModPolicy('Admins');
  group.getValuesMap().set('MSP', value);
  return group;
}

function setPolicy(group: common.ConfigGroup, name: string, policy: common.Policy): void {
  const configPolicy = new common.ConfigPolicy();
  configPolicy.setPolicy(policy);
  configPolicy.setModPolicy('Admins');
  group.getPoliciesMap().set(name, configPolicy);
}

function signedBy(mspId: string, role: msp.MSPRole.MSPRoleTypeMap[keyof msp.MSPRole.MSPRoleTypeMap]): common.Policy {
  const mspRole = new msp.MSPRole();
  mspRole.setMspIdentifier(mspId);
  mspRole.setRole(role);
  const principal = new msp.MSPPrincipal();
  principal.setPrincipalClassification(msp.MSPPrincipal.Classification.ROLE);
  principal.setPrincipal(mspRole.serializeBinary());
  const rule = new common.SignaturePolicy();
  rule.setSignedBy(0);
  const oneOf = new common.SignaturePolicy.NOutOf();
  oneOf.setN(1);
  oneOf.setRulesList([rule]);
  const outer = new common.SignaturePolicy();
  outer.setNOutOf(oneOf);
  const envelope = new common.SignaturePolicyEnvelope();
  envelope.setRule(outer);
  envelope.setIdentitiesList([principal]);
  const policy = new common.Policy();
  policy.setType(common.Policy.PolicyType.SIGNATURE);
  policy.setValue(envelope.serializeBinary());
  return policy;
}

function implicitMeta(rule: common.ImplicitMetaPolicy.RuleMap[keyof common.ImplicitMetaPolicy.RuleMap], subPolicy: string): common.Policy {
  const meta = new common.ImplicitMetaPolicy();
  meta.setRule(rule);
  meta.setSubPolicy(subPolicy);
  const policy = new common.Policy();
  policy.setType(common.Policy.PolicyType.IMPLICIT_META);
  policy.setValue(meta.serializeBinary());
  return policy;
}
