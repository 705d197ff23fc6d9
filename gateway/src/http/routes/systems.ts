import type { Services } from '../../services/context';
import { listSystems, registerSystem, reinstateSystem, retireSystem, revokeKey, rotateKey } from '../../services/systems';
import { route } from '../route';
import { systemInput } from '../schemas';

const admin = ['admin' as const];

export const systemRoutes = (s: Services) => [
  route({
    method: 'post', path: '/v1/systems', tag: 'systems', status: 201, roles: admin, body: systemInput,
    summary: "Register a system of the admin's own org on the chain; its API key is in this answer only",
    responseDescription: 'receipt with the system record, and apiKey',
    handle: ({ caller, body }) => registerSystem(s, caller, body),
  }),
  route({
    method: 'get', path: '/v1/systems', tag: 'systems', roles: ['admin', 'auditor', 'inspector'],
    summary: 'List the systems registered on the chain', responseDescription: '{ systems }',
    handle: async ({ caller }) => ({ systems: await listSystems(s, caller) }),
  }),
  route({
    method: 'post', path: '/v1/systems/:systemId/rotate-key', tag: 'systems', roles: admin,
    summary: 'Issue a new API key; the old one stops working at once', responseDescription: '{ systemId, apiKey }',
    handle: async ({ caller, params }) => rotateKey(s, caller, params.systemId),
  }),
  route({
    method: 'post', path: '/v1/systems/:systemId/revoke-key', tag: 'systems', roles: admin,
    summary: "Revoke a system's certificate at the org's CA, the system on the chain and its API key; it stays out (no rotation) until reinstated",
    responseDescription: '{ systemId, status, txId, revokedCertificate: { serial, authorityKeyId, fingerprint, revokedAt } }',
    handle: ({ caller, params }) => revokeKey(s, caller, params.systemId),
  }),
  route({
    method: 'post', path: '/v1/systems/:systemId/reinstate', tag: 'systems', roles: admin,
    summary: 'Reinstate a revoked system on the chain with a new certificate from the CA; its new API key is in this answer only', responseDescription: 'receipt with the system record, and apiKey',
    handle: ({ caller, params }) => reinstateSystem(s, caller, params.systemId),
  }),
  route({
    method: 'post', path: '/v1/systems/:systemId/retire', tag: 'systems', roles: admin,
    summary: "Retire a system: its certificate revoked at the org's CA, RETIRED on the chain; its key stops working at once", responseDescription: 'receipt with the system record',
    handle: ({ caller, params }) => retireSystem(s, caller, params.systemId),
  }),
];
