/**
 * Secrets the gateway generates at first start into its state directory, readable by the
 * owner only, unless the environment supplies them. They never live in the repository.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export function ensureStateDir(stateDir: string): void {
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  chmodSync(stateDir, 0o700);
}

/** Writes a file only its owner can read; refuses to overwrite. */
export function writeSecretFile(file: string, content: string): void {
  writeFileSync(file, content, { mode: 0o600, flag: 'wx' });
}

export function loadPseudonymKey(stateDir: string, fromEnvHex?: string): Buffer {
  if (fromEnvHex) return Buffer.from(fromEnvHex, 'hex');
  const file = path.join(stateDir, 'pseudonym.key');
  if (!existsSync(file)) writeSecretFile(file, randomBytes(32).toString('hex') + '\n');
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
}

/** A new API key: 256 random bits, URL-safe. */
export function newApiKey(): string {
  return `wl_${randomBytes(32).toString('base64url')}`;
}
