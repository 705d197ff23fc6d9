/**
 * `verify many`: every bundle of a directory or NDJSON stream, on worker threads (one per core by
 * default). Bundles are dealt out in shares of consecutive ones, so bundles of one block or one
 * configuration land on the same worker and its caches; each worker trusts nothing but the
 * options every bundle is verified with. Outcomes come back in the order shares finish.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { VerifyOptions } from '../verify-bundle';
import type { BundleText } from './bundle-stream';
import { verifyTexts, type BundleOutcome } from './verify-texts';

export interface ManyOptions {
  /** Worker threads; 0 verifies in this thread. Default: one per core. */
  workers?: number;
  /** Bundles per share sent to a worker. */
  shareSize?: number;
  onOutcome?: (outcome: BundleOutcome) => void;
}

export interface ManySummary {
  bundles: number;
  verified: number;
  /** Every check passed but nothing anchored them (no trust anchor). */
  consistentOnly: number;
  failed: number;
  seconds: number;
}

const DEFAULT_SHARE = 16;
/** Shares waiting per worker: enough to keep it busy while the next share is read. */
const SHARES_IN_FLIGHT = 2;

export async function verifyMany(bundles: AsyncIterable<BundleText>, options: VerifyOptions, many: ManyOptions = {}): Promise<ManySummary> {
  const started = process.hrtime.bigint();
  const summary: ManySummary = { bundles: 0, verified: 0, consistentOnly: 0, failed: 0, seconds: 0 };
  const record = (outcome: BundleOutcome) => {
    summary.bundles++;
    if (outcome.ok) summary.verified++;
    else if (outcome.consistent) summary.consistentOnly++;
    else summary.failed++;
    many.onOutcome?.(outcome);
  };
  const shareSize = many.shareSize ?? DEFAULT_SHARE;
  const workers = many.workers ?? availableParallelism();
  const verifyShare = workers > 0 ? workerPool(workers, options) : { run: async (share: BundleText[]) => verifyTexts(share, options), close: async () => {} };
  const inFlight = new Set<Promise<void>>();
  try {
    let share: BundleText[] = [];
    const send = async () => {
      const task = verifyShare.run(share).then((outcomes) => outcomes.forEach(record));
      share = [];
      const tracked = task.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
      if (inFlight.size >= Math.max(1, workers) * SHARES_IN_FLIGHT) await Promise.race(inFlight);
    };
    for await (const bundle of bundles) {
      share.push(bundle);
      if (share.length >= shareSize) await send();
    }
    if (share.length > 0) await send();
    await Promise.all(inFlight);
  } finally {
    await verifyShare.close();
  }
  summary.seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return summary;
}

/** The compiled worker script (workers need JavaScript: from TypeScript sources, the build's copy). */
export function workerScript(): string {
  const beside = path.join(__dirname, 'verify-worker.js');
  if (existsSync(beside)) return beside;
  const built = path.join(__dirname, '..', '..', '..', 'dist', 'verify', 'many', 'verify-worker.js');
  if (existsSync(built)) return built;
  throw new Error('the verify worker is not built: run npm run build');
}

/** The bundles' bytes move to the worker instead of being copied (each line has a buffer of its own). */
function transferable(share: BundleText[]): ArrayBuffer[] {
  return share.flatMap(({ text }) => (typeof text === 'string' ? [] : [text.buffer as ArrayBuffer]));
}

/**
 * Which block a share's bundles are of, as the first bundle's text names it (its header's data
 * hash, near the start of the document): only to send shares of one block to one worker, whose
 * caches hold that block. A wrong name costs a cache miss, nothing else; nothing is trusted here.
 */
const BLOCK_NAME = /"dataHash":"([0-9a-fA-F]{64})"/;
const BLOCK_NAME_SPAN = 4096;

function blockNamed(share: BundleText[]): string | null {
  const { text } = share[0];
  const head = typeof text === 'string' ? text.slice(0, BLOCK_NAME_SPAN) : Buffer.from(text.buffer, text.byteOffset, Math.min(text.byteLength, BLOCK_NAME_SPAN)).toString('latin1');
  return BLOCK_NAME.exec(head)?.[1].toLowerCase() ?? null;
}

/**
 * Workers each taking the next share when it is free. A share goes to the worker that last took a
 * share of the same block, unless it has more waiting than the least busy one; else to the least busy.
 */
function workerPool(size: number, options: VerifyOptions) {
  const script = workerScript();
  const pool = Array.from({ length: size }, () => {
    const worker = new Worker(script, { workerData: options });
    const waiting: Array<{ resolve: (o: BundleOutcome[]) => void; reject: (e: Error) => void }> = [];
    worker.on('message', (outcomes: BundleOutcome[]) => waiting.shift()?.resolve(outcomes));
    worker.on('error', (err) => waiting.splice(0).forEach((w) => w.reject(err)));
    worker.on('exit', (code) => waiting.splice(0).forEach((w) => w.reject(new Error(`a verify worker stopped (exit code ${code})`))));
    return { worker, waiting };
  });
  const lastWorkerOf = new Map<string, (typeof pool)[number]>();
  return {
    run(share: BundleText[]): Promise<BundleOutcome[]> {
      const least = pool.reduce((a, b) => (b.waiting.length < a.waiting.length ? b : a));
      const block = blockNamed(share);
      const last = block === null ? undefined : lastWorkerOf.get(block);
      const chosen = last && last.waiting.length <= least.waiting.length ? last : least;
      if (block !== null) {
        lastWorkerOf.delete(block);
        lastWorkerOf.set(block, chosen);
        if (lastWorkerOf.size > 1024) lastWorkerOf.delete(lastWorkerOf.keys().next().value as string);
      }
      return new Promise((resolve, reject) => {
        chosen.waiting.push({ resolve, reject });
        chosen.worker.postMessage(share, transferable(share));
      });
    },
    async close() {
      await Promise.all(pool.map(({ worker }) => worker.terminate()));
    },
  };
}
