/**
 * A bundle as the JSON bytes the gateway sends. A bundle is mostly base64 (its block, each org's
 * peer's signed answer, the envelope): an access-event anchor's bundle is about 12 MB. Handing
 * the object to Koa cost three passes over it (JSON.stringify, the UTF-8 length, the UTF-8
 * encoding for the socket), about 56 ms of the gateway's 120 ms of CPU per such bundle. Here
 * base64 strings (a block's entries, kept encoded with the block; the peers' answers; the
 * envelope) are copied as bytes, since base64 holds no character JSON escapes; a config chain is
 * encoded once and kept; only the rest goes through JSON.stringify. The answer is written once
 * into one buffer. JSON.parse of the bytes gives the bundle, member for member.
 */
import type { common } from '@hyperledger/fabric-protos';
import type { ProofBundle } from '../verify/bundle';
import { signedBlockJson } from './block-json';

/** Parts already encoded, used in place of the bundle's own members of the same name. */
export interface EncodedParts {
  configChain?: Buffer;
}

export function bundleBytes(bundle: ProofBundle, encoded: EncodedParts = {}): Buffer {
  const out = new Pieces();
  let first = true;
  for (const [key, value] of Object.entries(bundle)) {
    if (value === undefined) continue;
    out.text(`${first ? '{' : ','}${JSON.stringify(key)}:`);
    first = false;
    member(out, bundle, key, encoded);
  }
  out.text(first ? '{}' : '}');
  return out.bytes();
}

function member(out: Pieces, bundle: ProofBundle, key: string, encoded: EncodedParts): void {
  switch (key) {
    case 'block': {
      // Its data entries are the block's kept base64 strings (block-json.ts): copied, not re-encoded.
      const { header, data, signatures, validationCodes } = bundle.block;
      out.text(`{"header":${JSON.stringify(header)},"data":[`);
      data.forEach((entry, i) => {
        if (i > 0) out.text(',');
        out.base64(entry);
      });
      out.text('],"signatures":');
      out.base64(signatures);
      return out.text(`,"validationCodes":${JSON.stringify(validationCodes)}}`);
    }
    case 'configChain':
      return encoded.configChain ? out.buffer(encoded.configChain) : out.text(JSON.stringify(bundle.configChain));
    case 'attestations':
      bundle.attestations.forEach(({ org, proposalResponse }, i) => {
        out.text(`${i === 0 ? '[' : ','}{"org":${JSON.stringify(org)},"proposalResponse":`);
        out.base64(proposalResponse);
        out.text('}');
      });
      return out.text(bundle.attestations.length === 0 ? '[]' : ']');
    case 'transaction':
      out.text(`{"index":${JSON.stringify(bundle.transaction.index)},"envelope":`);
      out.base64(bundle.transaction.envelope);
      return out.text('}');
    default:
      return out.text(JSON.stringify((bundle as unknown as Record<string, unknown>)[key]));
  }
}

/** A config chain as a bundle carries it, encoded once per chain (the same array serves every bundle of that config). */
const encodedChains = new WeakMap<common.Block[], Buffer>();

export function encodedConfigChain(chain: common.Block[]): Buffer {
  let bytes = encodedChains.get(chain);
  if (!bytes) encodedChains.set(chain, (bytes = json(chain.map(signedBlockJson))));
  return bytes;
}

/** The pieces of the answer, written once each into one buffer of their total length. */
class Pieces {
  private readonly pieces: Array<{ text: string; encoding: 'utf8' | 'latin1'; length: number } | Buffer> = [];

  text(text: string): void {
    this.pieces.push({ text, encoding: 'utf8', length: Buffer.byteLength(text, 'utf8') });
  }

  /**
   * A base64 string (written by base64() in this gateway, never taken from a caller) as a JSON
   * string: its characters need no escaping, so they are copied as they are, one byte each. Not
   * checked: a regular expression over a 3 MB answer costs more than the copy it saves.
   */
  base64(base64: string): void {
    this.text('"');
    this.pieces.push({ text: base64, encoding: 'latin1', length: base64.length });
    this.text('"');
  }

  buffer(bytes: Buffer): void {
    this.pieces.push(bytes);
  }

  bytes(): Buffer {
    const out = Buffer.allocUnsafe(this.pieces.reduce((sum, p) => sum + p.length, 0));
    let at = 0;
    for (const piece of this.pieces) {
      at += Buffer.isBuffer(piece) ? piece.copy(out, at) : out.write(piece.text, at, piece.length, piece.encoding);
    }
    // Uninitialised memory must never be sent: every byte written, or nothing is.
    if (at !== out.length) throw new Error(`the bundle's pieces wrote ${at} of ${out.length} bytes`);
    return out;
  }
}

const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value), 'utf8');
