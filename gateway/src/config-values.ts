/**
 * Reading single settings from the environment, checked at start: a value that is not a whole
 * number in range, or a file that cannot be read, stops the gateway with a message naming the
 * variable, instead of turning into NaN or a failure at the first request.
 */
import { accessSync, constants } from 'node:fs';
import { isIP } from 'node:net';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** A whole number from `env[name]`, or `fallback` when unset; outside [min, max] is a ConfigError. */
export function integerSetting(env: NodeJS.ProcessEnv, name: string, fallback: number, range: { min: number; max: number }): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(`${name}=${JSON.stringify(raw)} is not a whole number`);
  const value = Number(raw.trim());
  if (value < range.min || value > range.max) throw new ConfigError(`${name}=${value} is outside ${range.min}..${range.max}`);
  return value;
}

/** A path to a file the gateway must be able to read; unset is undefined. */
export function readableFileSetting(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const file = env[name];
  if (file === undefined || file.trim() === '') return undefined;
  try {
    accessSync(file, constants.R_OK);
  } catch {
    throw new ConfigError(`${name}=${file}: the file does not exist or cannot be read`);
  }
  return file;
}

/** True for an address or name that only this machine can reach. */
export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}
