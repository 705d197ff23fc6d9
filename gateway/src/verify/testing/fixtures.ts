/** Test helper: the bundles captured from a real network (see fixtures/capture.js), and one-byte tampering. */

import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ProofBundle } from '../bundle';
import type { PeerCheckpoint } from '../checkpoint';
import { decodeTransaction } from '../fabric/transaction';

const FIXTURES = path.join(__dirname, '..', 'fixtures');

export function fixture<T = ProofBundle>(name: string): T {
  return JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')) as T;
}

export const disbursementBundle = () => fixture('disbursement-bundle.json');
export const accessEventBundle = () => fixture('access-event-bundle.json');
export const mvccInvalidBundle = () => fixture('mvcc-invalid-bundle.json');
export const signedCheckpoint = () => fixture<PeerCheckpoint>('checkpoint.json');
export const chainBlocks = () => fixture<{ blocks: string[] }>('chain-0-7.json').blocks.map((b) => Buffer.from(b, 'base64'));

/** Flips one bit of the byte at `offset` (negative: from the end). */
export function flipByte(bytes: Uint8Array, offset: number): Buffer {
  const copy = Buffer.from(bytes);
  const at = offset < 0 ? copy.length + offset : offset;
  copy[at] ^= 0x01;
  return copy;
}

/** A hex string with one byte changed. */
export function flipHex(text: string, byteOffset = 0): string {
  return flipByte(Buffer.from(text, 'hex'), byteOffset).toString('hex');
}

/** A base64 string with one byte changed. */
export function flipBase64(text: string, byteOffset: number): string {
  return flipByte(Buffer.from(text, 'base64'), byteOffset).toString('base64');
}

/** A text with one character changed (to another character of the same class). */
export function flipChar(text: string, index: number): string {
  const c = text[index];
  const replacement = c === 'A' ? 'B' : c === '0' ? '1' : c === 'a' ? 'b' : 'A';
  return text.slice(0, index) + replacement + text.slice(index + 1);
}

/**
 * Changes one byte inside the transaction's envelope, in both places the bundle carries it
 * (transaction.envelope and its block data entry), where `locate` finds it.
 */
export function tamperEnvelope(bundle: ProofBundle, locate: (envelope: Buffer) => number): ProofBundle {
  const envelope = Buffer.from(bundle.transaction.envelope, 'base64');
  const offset = locate(envelope);
  if (offset < 0) throw new Error('the part to tamper with is not in the envelope');
  const changed = flipByte(envelope, offset).toString('base64');
  const data = [...bundle.block.data];
  data[bundle.transaction.index] = changed;
  return { ...bundle, transaction: { ...bundle.transaction, envelope: changed }, block: { ...bundle.block, data } };
}

/** Where the first endorsement's signature, the first endorser's certificate, or a written value sits in an envelope. */
export const locate = {
  endorsementSignature: (envelope: Buffer) => {
    const signature = decodeTransaction(envelope).actions[0].endorsements[0].signature;
    return envelope.indexOf(Buffer.from(signature)) + signature.length - 1;
  },
  endorserCertificate: (envelope: Buffer) => {
    const pem = decodeTransaction(envelope).actions[0].endorsements[0].endorser.certificatePem;
    return envelope.indexOf(Buffer.from(pem)) + Math.floor(pem.length / 2);
  },
  writtenValue: (envelope: Buffer) => {
    const { value } = decodeTransaction(envelope).actions[0].writes[0];
    return envelope.indexOf(value) + 2;
  },
};

