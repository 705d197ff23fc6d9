import type { Services } from '../../services/context';
import { changeEligibility, importGrants } from '../../services/eligibility';
import { route } from '../route';
import {
  eligibilityGrantInput,
  eligibilityImportInput,
  eligibilityReinstateInput,
  eligibilityRevokeInput,
  eligibilitySuspendInput,
  eligibilityTransferInput,
} from '../schemas';

const decision = { tag: 'eligibility', status: 201, roles: ['civil-affairs' as const], responseDescription: 'receipt with the eligibility record' };

export const eligibilityRoutes = (s: Services) => [
  route({
    ...decision, method: 'post', path: '/v1/eligibility/grant', body: eligibilityGrantInput,
    summary: 'Grant eligibility for a programme, with the checks performed and the evidence hashes',
    handle: ({ caller, body }) => changeEligibility(s, caller, 'Grant', body),
  }),
  route({
    ...decision, method: 'post', path: '/v1/eligibility/imports', body: eligibilityImportInput,
    summary: 'Grant many eligibilities in one transaction (an import of decisions), each by the rule of a single grant: ' +
      'all are granted or none, and a refusal names the first grant refused (grants[i]) with its reason code',
    responseDescription: 'receipt with the number granted; each eligibility is then read and proven on its own',
    handle: ({ caller, body }) => importGrants(s, caller, body),
  }),
  route({
    ...decision, method: 'post', path: '/v1/eligibility/suspend', body: eligibilitySuspendInput,
    summary: 'Suspend an ACTIVE eligibility, with a reason code',
    handle: ({ caller, body }) => changeEligibility(s, caller, 'Suspend', body),
  }),
  route({
    ...decision, method: 'post', path: '/v1/eligibility/reinstate', body: eligibilityReinstateInput,
    summary: 'Reinstate a SUSPENDED eligibility',
    handle: ({ caller, body }) => changeEligibility(s, caller, 'Reinstate', body),
  }),
  route({
    ...decision, method: 'post', path: '/v1/eligibility/revoke', body: eligibilityRevokeInput,
    summary: 'Revoke an eligibility, with a reason code',
    handle: ({ caller, body }) => changeEligibility(s, caller, 'Revoke', body),
  }),
  route({
    ...decision, method: 'post', path: '/v1/eligibility/transfer', body: eligibilityTransferInput,
    summary: 'Move an eligibility to another district (cross-district handling)',
    handle: ({ caller, body }) => changeEligibility(s, caller, 'TransferDistrict', body),
  }),
];
