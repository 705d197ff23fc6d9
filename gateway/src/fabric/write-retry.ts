/**
 * Writes that lose a race are tried again: Fabric marks a transaction whose reads another
 * transaction changed first as an MVCC (or phantom) read conflict, and two peers endorsing at
 * different heights give different answers (or one refuses what the other has already seen). Either way the same request, endorsed again, meets
 * the new state and gets the answer a single writer would have had. Retries are bounded and
 * spread out with random waits, so racing writers do not collide again in step.
 */
import type { WriteRetrySettings } from '../config-http';

export type Sleep = (ms: number) => Promise<void>;

const sleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The wait before retry `n` (0-based): random in [0, min(maxDelayMs, baseDelayMs * 2^n)] ("full jitter"). */
export function retryDelay(n: number, settings: WriteRetrySettings, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** n));
}

export async function retryLostRaces<T>(
  attempt: () => Promise<T>,
  isLostRace: (err: unknown) => boolean,
  settings: WriteRetrySettings,
  wait: Sleep = sleep,
): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      if (n >= settings.retries || !isLostRace(err)) throw err;
      await wait(retryDelay(n, settings));
    }
  }
}
