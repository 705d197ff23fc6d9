import type { Services } from '../../services/context';
import { accessEvent, anomalies, beneficiaryHistory, summaries } from '../../services/reports';
import { route } from '../route';
import { anomalyQuery, historyInput, historyQuery, summaryQuery } from '../schemas';

export const reportRoutes = (s: Services) => [
  route({
    method: 'post', path: '/v1/beneficiaries/history', tag: 'queries', roles: ['inspector', 'auditor', 'civil-affairs', 'finance'],
    body: historyInput, query: historyQuery, readsPersonalData: true,
    summary:
      "A beneficiary's history across programmes — eligibility changes, payments and rejections, deaths, overpayments, " +
      'and who accessed their data — in chain order, paginated. POST so the citizen ID stays out of URLs and logs; ' +
      'the read is logged as an access event with the given purpose.',
    responseDescription: '{ subjectRef, items: [{ at, kind, action, txId, blockNumber, record }], nextCursor, accessEvent }',
    handle: ({ caller, body, query }) => beneficiaryHistory(s, caller, body, query),
  }),
  route({
    method: 'get', path: '/v1/summaries', tag: 'queries', roles: ['inspector', 'auditor', 'civil-affairs', 'finance'],
    query: summaryQuery,
    summary: 'Counts and totals in fen of posted, settled, returned and rejected lines by programme, district and period',
    responseDescription: '{ asOf, groups, totals }',
    handle: ({ query }) => summaries(s, query),
  }),
  route({
    method: 'get', path: '/v1/anomalies', tag: 'queries', roles: ['inspector', 'auditor'], query: anomalyQuery,
    summary: 'Rejected payment lines by reason code, and open overpayments to recover',
    responseDescription: '{ asOf, rejections, openOverpayments }',
    handle: ({ query }) => anomalies(s, query),
  }),
  route({
    method: 'get', path: '/v1/access-events/:eventId', tag: 'access events', roles: ['auditor', 'inspector'],
    summary: 'One anchored access event: its batch, Merkle leaf index and transaction',
    responseDescription: '{ txId, blockNumber, batchId, leafIndex, record }',
    handle: ({ params }) => accessEvent(s, params.eventId),
  }),
];
