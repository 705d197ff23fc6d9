/**
 * The console's routes: its pages (open: the page itself holds no data), who the caller is, the
 * ledger's health, and the one-time codes of "who read my data" (issued by a civil-affairs
 * counter with its key; redeemed by the citizen without one).
 */
import { ACCESS_PURPOSES, FORMATS } from '@welfare-ledger/chaincode/lib';
import { z } from 'zod';
import { notFound } from '../errors';
import { route, type RouteSpec } from '../http/route';
import { anomalyQuery, historyInput } from '../http/schemas';
import { logGatewayRead } from '../services/access-events';
import type { Services } from '../services/context';
import type { DataAccessCodes } from './access-codes';
import { ledgerOverview } from './ledger-overview';
import { accessesOf } from './my-data-access';
import { recoveredOverpayments } from './recovered-overpayments';
import { rejectionsByReason } from './rejection-tally';
import { loadWebFiles } from './static-files';

export interface ConsoleDeps extends Services {
  accessCodes: DataAccessCodes;
}

const monthQuery = z.strictObject({
  programmeId: z.string().regex(FORMATS.programmeId, 'an upper-case programme id'),
  period: z.string().regex(FORMATS.period, 'a period YYYY-MM'),
});
const redeemInput = z.strictObject({ code: z.string().min(1).max(64) });
const INDEX_WAIT_MS = 10_000;

/** Routes that need no API key. */
export function consoleOpenRoutes(s: ConsoleDeps): RouteSpec[] {
  const files = loadWebFiles();
  const page = (name: string) => {
    const file = files.get(name);
    if (!file) throw notFound(`no console file ${name}`);
    return file;
  };
  return [
    route({
      method: 'get', path: '/console', tag: 'console', summary: 'The web console (plain HTML, served by this gateway)',
      responseDescription: 'an HTML page',
      handle: async ({ ctx }) => {
        ctx.type = 'text/html; charset=utf-8';
        return page('index.html').body;
      },
    }),
    route({
      method: 'get', path: '/console/:file', tag: 'console', summary: "The console's scripts and stylesheets",
      responseDescription: 'a script, stylesheet or image',
      handle: async ({ ctx, params }) => {
        const file = page(params.file);
        ctx.type = file.type;
        return file.body;
      },
    }),
    route({
      method: 'post', path: '/v1/access-codes/redeem', tag: 'console', body: redeemInput, readsPersonalData: true,
      summary:
        'Who read my data: a one-time code from a civil-affairs counter, redeemed once (no API key), gives every access event ' +
        'about its person, each with the RFC 6962 audit path to its anchored batch root',
      responseDescription: '{ events: [{ event, accessorOrg, txId, blockNumber, batchId, leafIndex, treeSize, root, path }], truncated }',
      handle: async ({ body }) => {
        const subjectRef = s.accessCodes.redeem(body.code);
        if (!subjectRef) throw notFound('no such code, or it was used or has expired: ask the counter for a new one');
        await s.follower.waitFor(s.ledger.lastCommittedBlock, INDEX_WAIT_MS);
        return accessesOf(s.index, subjectRef);
      },
    }),
  ];
}

/** Routes behind the API key. */
export function consoleApiRoutes(s: ConsoleDeps): RouteSpec[] {
  return [
    route({
      method: 'get', path: '/v1/me', tag: 'console', roles: [], summary: 'The calling system: its id, org and roles',
      responseDescription: '{ systemId, mspId, roles }',
      handle: async ({ caller }) => ({ systemId: caller.systemId, mspId: caller.mspId, roles: caller.roles }),
    }),
    route({
      method: 'get', path: '/v1/ledger/overview', tag: 'console', roles: [],
      summary: "Each org's peer height and tip hash, this gateway's index lag, the latest blocks; diverged when tips differ at one height",
      responseDescription: '{ org, peers, diverged, index: { lastBlock, lag }, latestBlocks }',
      handle: async () => ledgerOverview(s),
    }),
    route({
      method: 'get', path: '/v1/summaries/rejections', tag: 'queries', roles: ['inspector', 'auditor', 'civil-affairs', 'finance'],
      query: monthQuery,
      summary: "A programme's month: rejected lines counted by reason code, every code in the order the checks run",
      responseDescription: '{ programmeId, period, reasons: [{ reasonCode, count, totalFen }] }',
      handle: async ({ query }) => {
        await s.follower.waitFor(s.ledger.lastCommittedBlock, INDEX_WAIT_MS);
        return { ...query, reasons: rejectionsByReason(s.index, query.programmeId, query.period) };
      },
    }),
    route({
      method: 'get', path: '/v1/overpayments/recovered', tag: 'queries', roles: ['inspector', 'auditor'], query: anomalyQuery,
      summary: 'Overpayments already recovered (the first 100, in the order they were flagged), with their count and total',
      responseDescription: '{ count, totalFen, items: [{ txId, blockNumber, flaggedBlockNumber, record }] }',
      handle: async ({ query }) => {
        await s.follower.waitFor(s.ledger.lastCommittedBlock, INDEX_WAIT_MS);
        return recoveredOverpayments(s.index, query);
      },
    }),
    route({
      method: 'post', path: '/v1/access-codes', tag: 'console', roles: ['civil-affairs'], body: historyInput, readsPersonalData: true,
      status: 201,
      summary:
        'Issues a one-time code (valid 7 days) with which a person sees who read their data; the issuance is itself logged ' +
        'as an access event. The citizen ID is in the body only, never in the code or a link.',
      responseDescription: '{ code, expiresAt, accessEvent }',
      handle: async ({ caller, body }) => {
        const subjectRef = body.subjectRef ?? s.pseudonyms.subjectRef(body.citizenId!);
        const logged = await logGatewayRead(s, caller, {
          subjectRef,
          datasetCode: 'WL.ACCESS_LOG',
          fields: ['accessEvents'],
          purpose: 'SERVICE_DELIVERY' satisfies (typeof ACCESS_PURPOSES)[number],
          resultCount: 0,
        });
        const issued = s.accessCodes.issue(subjectRef, caller.systemId);
        return { ...issued, accessEvent: { eventId: logged.eventId, txId: logged.txId } };
      },
    }),
  ];
}
