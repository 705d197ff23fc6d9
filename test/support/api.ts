/**
 * A small HTTP client for the orgs' gateways, with the bootstrap API keys of the test network.
 * A request as a system goes to its own org's gateway.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { makeResidentId } from '../../gateway/src/privacy/resident-id';
import { gatewayDir, gatewayUrl, type OrgKey } from './test-network';

export type SystemName =
  | 'civil-affairs-admin'
  | 'civil-affairs-system'
  | 'finance-admin'
  | 'finance-system'
  | 'audit-admin'
  | 'audit-system';

/** The org whose gateway holds a bootstrap system's key. */
export function orgOf(system: SystemName): OrgKey {
  if (system.startsWith('civil-affairs')) return 'civilaffairs';
  return system.startsWith('finance') ? 'finance' : 'audit';
}

export function apiKey(system: SystemName): string {
  const keys = JSON.parse(readFileSync(path.join(gatewayDir(orgOf(system)), 'bootstrap-keys.json'), 'utf8'));
  return keys[system].apiKey;
}

/** The gateway a system talks to: its own org's. */
export function urlFor(as?: SystemName): string {
  return gatewayUrl(as ? orgOf(as) : 'civilaffairs');
}

export interface Answer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export async function request(method: string, route: string, as?: SystemName, body?: unknown, via: string = urlFor(as)): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (as) headers.authorization = `Bearer ${apiKey(as)}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const send = () => fetch(via + route, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  // A kept-alive connection from before a gateway restart fails once; a new one is opened on retry.
  const res = await send().catch(send);
  const text = await res.text();
  const json = (res.headers.get('content-type') ?? '').includes('application/json');
  const answer = { status: res.status, body: json && text ? JSON.parse(text) : text || undefined };
  if (method !== 'GET' && typeof answer.body?.blockNumber === 'number') await everyPeerHolds(answer.body.blockNumber, via);
  return answer;
}

/**
 * Waits until every reachable org's peer holds a block: a write acknowledged by one org's gateway
 * is then visible to a read at any other org's gateway (each reads its own org's peer). A peer that
 * is down (the resilience test stops one) is not waited for.
 */
async function everyPeerHolds(blockNumber: number, via: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const health = (await (await fetch(`${via}/health`)).json()) as { peers: { reachable: boolean; height?: number }[] };
    if (health.peers.every((peer) => !peer.reachable || (peer.height ?? 0) > blockNumber)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not every peer holds block ${blockNumber} after 10 s`);
}

export const post = (route: string, as: SystemName, body: unknown) => request('POST', route, as, body);
export const get = (route: string, as?: SystemName) => request('GET', route, as);

/** Ids unique to this test run, so a reused network never sees the same id twice. */
export const runTag = Date.now().toString(36).toUpperCase();

/**
 * A valid resident ID unique to this run and `n`: the date of birth moves with the run, so a
 * reused network (where earlier runs recorded deaths) never sees the same citizen twice.
 */
export function citizenOfRun(n: number, region = '310105'): string {
  const day = new Date(Date.UTC(1930, 0, 1) + (parseInt(runTag, 36) % 20000) * 86400000);
  const birth = day.toISOString().slice(0, 10).replace(/-/g, '');
  return makeResidentId(region, birth, String(n % 1000).padStart(3, '0'));
}
