/**
 * Where many bundles come from: a directory of bundle files (`*.json`, in name order), an NDJSON
 * file (one bundle per line) or standard input as NDJSON (`-`). Each bundle is yielded as its text
 * with where it came from; parsing is left to whoever verifies it.
 */
import { createReadStream, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { createInterface } from 'node:readline';

export interface BundleText {
  /** The file, or the NDJSON source and line number. */
  source: string;
  text: string;
}

/** Whether `input` names many bundles (a directory, an NDJSON file, or stdin) rather than one bundle file. */
export function isManyBundles(input: string): boolean {
  return input === '-' || /\.(ndjson|jsonl)$/i.test(input) || (safeStat(input)?.isDirectory() ?? false);
}

export async function* bundleTexts(input: string): AsyncGenerator<BundleText> {
  if (input !== '-' && safeStat(input)?.isDirectory()) {
    const files = readdirSync(input).filter((name) => name.endsWith('.json')).sort();
    for (const name of files) yield { source: path.join(input, name), text: readFileSync(path.join(input, name), 'utf8') };
    return;
  }
  const lines = createInterface({ input: input === '-' ? process.stdin : createReadStream(input), crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    yield { source: `${input === '-' ? 'stdin' : input}:${lineNumber}`, text: line };
  }
}

function safeStat(file: string) {
  try {
    return statSync(file);
  } catch {
    return null;
  }
}
