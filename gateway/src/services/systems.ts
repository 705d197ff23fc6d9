/**
 * "Entering the chain": an org admin registers a system on the ledger's registry and the system
 * gets an API key, shown once. Keys rotate and can be revoked; retiring a system ends its key.
 */
import type { SystemRecord } from '@welfare-ledger/chaincode/lib';
import type { Caller, Role } from '../auth/roles';
import { ApiError, notFound } from '../errors';
import type { Receipt } from '../fabric/ledger';
import { actorFor, type Services } from './context';

export interface SystemInput {
  systemId: string;
  name: string;
  roles: Role[];
  certFingerprint?: string;
}

export async function registerSystem(s: Services, caller: Caller, input: SystemInput): Promise<Receipt<SystemRecord> & { apiKey: string }> {
  const receipt = await s.ledger.submit<SystemRecord>(actorFor(caller), 'system:RegisterSystem', [JSON.stringify(input)]);
  const apiKey = s.keys.issue({ systemId: input.systemId, mspId: caller.mspId, roles: input.roles });
  s.systems.forget();
  return { ...receipt, apiKey };
}

export function listSystems(s: Services, caller: Caller): Promise<SystemRecord[]> {
  return s.ledger.evaluate(actorFor(caller), 'system:ListSystems', []);
}

/** The key record of a system of the admin's own org; another org's system is as good as unknown. */
function ownSystem(s: Services, caller: Caller, systemId: string) {
  const found = s.keys.find(systemId);
  if (!found || found.mspId !== caller.mspId) throw notFound(`no system ${systemId} of ${caller.mspId}`);
  return found;
}

export function rotateKey(s: Services, caller: Caller, systemId: string): { systemId: string; apiKey: string } {
  const system = ownSystem(s, caller, systemId);
  if (system.status === 'RETIRED') throw new ApiError(409, 'INVALID_TRANSITION', `${systemId} is retired`);
  return { systemId, apiKey: s.keys.issue(system) };
}

export function revokeKey(s: Services, caller: Caller, systemId: string): { systemId: string; status: 'REVOKED' } {
  const system = ownSystem(s, caller, systemId);
  if (system.status === 'RETIRED') throw new ApiError(409, 'INVALID_TRANSITION', `${systemId} is retired`);
  s.keys.setStatus(systemId, 'REVOKED');
  return { systemId, status: 'REVOKED' };
}

export async function retireSystem(s: Services, caller: Caller, systemId: string): Promise<Receipt<SystemRecord>> {
  ownSystem(s, caller, systemId);
  s.keys.setStatus(systemId, 'RETIRED');
  s.systems.forget();
  return s.ledger.submit(actorFor(caller), 'system:RetireSystem', [systemId]);
}
