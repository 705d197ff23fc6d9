import type { Services } from '../../services/context';
import { recordDeath } from '../../services/deaths';
import { route } from '../route';
import { deathInput } from '../schemas';

export const deathRoutes = (s: Services) => [
  route({
    method: 'post', path: '/v1/deaths', tag: 'deaths', status: 201, roles: ['civil-affairs'], body: deathInput,
    summary: 'Record a death: suspends every ACTIVE eligibility and flags payments for later periods as overpayments',
    responseDescription: 'receipt with the death record',
    handle: ({ caller, body }) => recordDeath(s, caller, body),
  }),
];
