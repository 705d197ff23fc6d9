/** The chain's height as each org's peer reports it (through the gateway's /health). */
import { get } from './api';

export async function heights(): Promise<number[]> {
  const health = await get('/health');
  return health.body.peers.map((p: { height: number }) => p.height);
}

/** Runs `action` and returns the highest peer height before and after (equal: nothing was written). */
export async function heightAround(action: () => Promise<void>): Promise<{ before: number; after: number }> {
  const before = Math.max(...(await heights()));
  await action();
  await new Promise((r) => setTimeout(r, 600)); // longer than the orderer's batch timeout
  const after = Math.max(...(await heights()));
  return { before, after };
}
