/**
 * `npm run index:rebuild`: drops the gateway's index (<stateDir>/index.db) and replays the
 * chain from block 0 into a new one. Run with the gateway stopped.
 */
import { mkdirSync } from 'node:fs';
import pino from 'pino';
import { loadConfig } from '../config';
import { ChainReader } from './chain-reader';
import { rebuildIndex } from './rebuild';
import { indexFile } from './schema';

async function main(): Promise<void> {
  const config = loadConfig(process.env, process.argv.slice(2));
  const log = pino({ level: config.logLevel, base: { service: 'welfare-index-rebuild' } }, pino.destination(2));
  mkdirSync(config.stateDir, { recursive: true });
  const file = indexFile(config.stateDir);
  const reader = new ChainReader(config);
  try {
    const summary = await rebuildIndex(file, reader, { log });
    console.log(`index rebuilt: ${file}: ${summary.blocks} blocks, ${summary.events} events, ${summary.seconds.toFixed(1)} s`);
  } finally {
    reader.close();
  }
}

main().catch((err: unknown) => {
  console.error(`index rebuild failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
