import { ApiError } from '../../errors';
import type { Services } from '../../services/context';
import { postBatch, postDisbursement, readBatch, readDisbursement, recoverOverpayment, settleLine } from '../../services/disbursements';
import { parseCsvPayments } from '../csv-batch';
import { csvCharset, decodeCsv } from '../csv-charset';
import { route } from '../route';
import { batchInput, csvBatchQuery, disbursementLineInput, purposeQuery, recoveryInput, settlementInput } from '../schemas';

const finance = ['finance' as const];

export const disbursementRoutes = (s: Services) => [
  route({
    method: 'post', path: '/v1/disbursements', tag: 'disbursements', status: 201, roles: finance, body: disbursementLineInput,
    summary: 'Post one payment line; a line that fails a check is refused with its reason code (422)',
    responseDescription: 'receipt with the POSTED line',
    handle: ({ caller, body }) => postDisbursement(s, caller, body),
  }),
  route({
    method: 'post', path: '/v1/disbursement-batches', tag: 'disbursements', status: 201, roles: finance,
    body: batchInput,
    summary: 'Post a monthly batch; each line is POSTED or REJECTED with one reason code, and rejections are recorded',
    responseDescription: 'receipt with the batch: counts, totals in fen, per-line results',
    handle: ({ caller, body }) => postBatch(s, caller, body),
  }),
  route({
    method: 'post', path: '/v1/disbursement-batches.csv', tag: 'disbursements', status: 201, roles: finance,
    query: csvBatchQuery,
    altBodies: {
      'text/csv': {
        description: 'header lineId,citizenId,amountFen,bankAccount,kind; one payment per line, at most 5000; ' +
          'UTF-8 (with or without BOM) or GB18030 with charset=gb18030 (Content-Type parameter or query)',
      },
    },
    summary: 'Post a batch as a CSV file (batchId, programmeId, period in the query); results carry each CSV line number',
    responseDescription: 'receipt with the batch; each result has csvLine',
    handle: async ({ caller, query, ctx }) => {
      if (!Buffer.isBuffer(ctx.request.body)) throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the batch as text/csv');
      const { charset, ...batch } = query;
      const text = decodeCsv(ctx.request.body, csvCharset(ctx.request.charset, charset));
      const { lines, csvLineOf } = parseCsvPayments(text);
      const receipt = await postBatch(s, caller, { ...batch, lines });
      const results = receipt.record.results.map((r) => ({ ...r, csvLine: csvLineOf.get(r.lineId) }));
      return { ...receipt, record: { ...receipt.record, results } };
    },
  }),
  route({
    method: 'get', path: '/v1/disbursement-batches/:batchId', tag: 'disbursements', roles: ['finance', 'auditor', 'inspector'],
    summary: 'Read a batch with its per-line results', responseDescription: 'the batch',
    handle: ({ caller, params }) => readBatch(s, caller, params.batchId),
  }),
  route({
    method: 'get', path: '/v1/disbursements/:lineId', tag: 'disbursements', roles: ['finance', 'auditor', 'inspector'],
    query: purposeQuery, readsPersonalData: true,
    summary: 'Read one payment line (personal data: the read is logged as an access event first)',
    responseDescription: 'the line, with the access event that logged this read',
    handle: ({ caller, params, query }) => readDisbursement(s, caller, params.lineId, query.purpose),
  }),
  route({
    method: 'post', path: '/v1/disbursements/:lineId/settlement', tag: 'disbursements', status: 201, roles: finance,
    body: settlementInput, summary: 'Record the bank outcome of a POSTED line: SETTLED or RETURNED',
    responseDescription: 'receipt with the line',
    handle: ({ caller, params, body }) => settleLine(s, caller, params.lineId, body),
  }),
  route({
    method: 'post', path: '/v1/overpayments/:lineId/recovery', tag: 'disbursements', status: 201, roles: finance,
    body: recoveryInput, summary: 'Record that an overpayment was recovered', responseDescription: 'receipt with the overpayment',
    handle: ({ caller, params, body }) => recoverOverpayment(s, caller, params.lineId, body),
  }),
];
