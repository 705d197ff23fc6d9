/**
 * Where many bundles come from: a directory of bundle files (`*.json`, in name order), an NDJSON
 * file (one bundle per line) or standard input as NDJSON (`-`). Each bundle is yielded as its UTF-8
 * bytes with where it came from; decoding and parsing are left to whoever verifies it (a worker
 * thread), so the reading thread only splits lines. Bundles of MiBs make lines of MiBs, which
 * Node's readline joins far more slowly than this reader copies them.
 */
import { createReadStream, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

export interface BundleText {
  /** The file, or the NDJSON source and line number. */
  source: string;
  /** The bundle's JSON: text, or its UTF-8 bytes (each in a buffer of its own, so it can be handed to a worker). */
  text: string | Uint8Array;
}

/** Whether `input` names many bundles (a directory, an NDJSON file, or stdin) rather than one bundle file. */
export function isManyBundles(input: string): boolean {
  return input === '-' || /\.(ndjson|jsonl)$/i.test(input) || (safeStat(input)?.isDirectory() ?? false);
}

export async function* bundleTexts(input: string): AsyncGenerator<BundleText> {
  if (input !== '-' && safeStat(input)?.isDirectory()) {
    const files = readdirSync(input).filter((name) => name.endsWith('.json')).sort();
    for (const name of files) yield { source: path.join(input, name), text: ownBytes([readFileSync(path.join(input, name))]) };
    return;
  }
  const name = input === '-' ? 'stdin' : input;
  let lineNumber = 0;
  for await (const line of ndjsonLines(input === '-' ? process.stdin : createReadStream(input))) {
    lineNumber++;
    if (isBlank(line)) continue;
    yield { source: `${name}:${lineNumber}`, text: line };
  }
}

/** The lines of a stream (LF or CRLF), each as bytes of its own, without the line end. */
async function* ndjsonLines(stream: AsyncIterable<Buffer | string>): AsyncGenerator<Uint8Array> {
  let pieces: Buffer[] = [];
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    let start = 0;
    for (let end = bytes.indexOf(0x0a); end !== -1; end = bytes.indexOf(0x0a, start)) {
      pieces.push(bytes.subarray(start, end));
      yield withoutCarriageReturn(ownBytes(pieces));
      pieces = [];
      start = end + 1;
    }
    if (start < bytes.length) pieces.push(bytes.subarray(start));
  }
  if (pieces.length > 0) yield withoutCarriageReturn(ownBytes(pieces));
}

/** The pieces joined into a buffer no other line shares (Buffer.concat may use Node's shared pool). */
function ownBytes(pieces: Uint8Array[]): Uint8Array {
  const length = pieces.reduce((sum, piece) => sum + piece.length, 0);
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const piece of pieces) {
    bytes.set(piece, at);
    at += piece.length;
  }
  return bytes;
}

function withoutCarriageReturn(line: Uint8Array): Uint8Array {
  return line.length > 0 && line[line.length - 1] === 0x0d ? line.subarray(0, line.length - 1) : line;
}

function isBlank(line: Uint8Array): boolean {
  for (const byte of line) if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) return false;
  return true;
}

function safeStat(file: string) {
  try {
    return statSync(file);
  } catch {
    return null;
  }
}
