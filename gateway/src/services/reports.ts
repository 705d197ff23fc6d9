/**
 * Reads answered from the off-chain index: a beneficiary's whole history, summaries and anomalies,
 * access-event lookups. Every answer carries txIds for proofs. Reads first wait until the index
 * holds every block this gateway has committed to and its org's peer holds, so a caller reads its
 * own writes and what other orgs committed before the read.
 */
import type { AccessPurpose } from '@welfare-ledger/chaincode/lib';
import type { Caller } from '../auth/roles';
import { notFound, unavailable } from '../errors';
import * as queries from '../index/queries';
import { accessEventProofLink, proofLink } from '../proofs/links';
import { logGatewayRead } from './access-events';
import type { Services } from './context';

const FRESHNESS_WAIT_MS = 10_000;

/**
 * Waits until the index holds every block this gateway committed to and every block its org's peer
 * held when the read began: with one gateway per org, a caller also reads what other orgs'
 * gateways have written.
 */
async function upToDate(s: Services): Promise<void> {
  const tip = (await s.ledger.chainInfo(s.ledger.mspId)).height - 1;
  if (!(await s.follower.waitFor(Math.max(s.ledger.lastCommittedBlock, tip), FRESHNESS_WAIT_MS))) {
    throw unavailable('the query index is behind the chain; try again');
  }
}

/** Everything the ledger knows about one person, in chain order; the read itself is logged first. */
export async function beneficiaryHistory(
  s: Services,
  caller: Caller,
  who: { citizenId?: string; subjectRef?: string },
  request: { purpose: AccessPurpose; limit?: number; cursor?: string },
) {
  const subjectRef = who.subjectRef ?? s.pseudonyms.subjectRef(who.citizenId!);
  await upToDate(s);
  const page = queries.beneficiaryHistory(s.index, subjectRef, { limit: request.limit, cursor: request.cursor });
  const logged = await logGatewayRead(s, caller, {
    subjectRef,
    datasetCode: 'WL.BENEFICIARY_HISTORY',
    fields: ['eligibility', 'disbursements', 'deaths', 'overpayments', 'accessEvents'],
    purpose: request.purpose,
    resultCount: page.items.length,
  });
  const items = page.items.map((item) => ({
    ...item,
    proof: item.kind === 'AccessEvent' ? accessEventProofLink((item.record as { eventId: string }).eventId) : proofLink(item.txId),
  }));
  return { subjectRef, ...page, items, accessEvent: { eventId: logged.eventId, txId: logged.txId, proof: accessEventProofLink(logged.eventId) } };
}

export async function summaries(s: Services, filter: queries.SummaryFilter) {
  await upToDate(s);
  return queries.summaries(s.index, filter);
}

export async function anomalies(s: Services, filter: queries.AnomalyFilter) {
  await upToDate(s);
  return queries.anomalies(s.index, filter);
}

export async function accessEvent(s: Services, eventId: string) {
  await upToDate(s);
  const found = queries.accessEvent(s.index, eventId);
  if (!found) throw notFound(`no access event ${eventId}`);
  return found;
}
