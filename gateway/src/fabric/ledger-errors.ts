/**
 * Turns fabric-gateway failures into API errors: a chaincode refusal keeps its reason code
 * (422 for a rule, 409 for a conflict, ...), an unreachable network is 503, and anything else
 * is a 502 whose message names no internals.
 */
import { status as GrpcStatus } from '@grpc/grpc-js';
import { GatewayError, StatusCode } from '@hyperledger/fabric-gateway';
import { parseLedgerError } from '@welfare-ledger/chaincode/lib';
import { ApiError, unavailable } from '../errors';

const UNREACHABLE = new Set<number>([GrpcStatus.UNAVAILABLE, GrpcStatus.DEADLINE_EXCEEDED]);

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof LostRace) return stillContended(err);
  if (err instanceof GatewayError) {
    for (const text of [...err.details.map((d) => d.message), err.message]) {
      const reason = parseLedgerError(text);
      if (reason) return ApiError.fromReason(reason.code, reason.message);
    }
    const internal = [err.message, ...err.details.map((d) => `${d.mspId}@${d.address}: ${d.message}`)].join('; ');
    if (UNREACHABLE.has(err.code) || isNoEndorsementPlan(err)) return Object.assign(unavailable('the ledger network is unavailable; try again'), { internal, retryAfterSeconds: 1 });
    return Object.assign(new ApiError(502, 'LEDGER_ERROR', 'the ledger refused the request'), { internal });
  }
  return Object.assign(new ApiError(500, 'INTERNAL', 'internal error'), { internal: (err as Error)?.message });
}

/**
 * Discovery found no set of live peers satisfying the endorsement policy: peers are down, or one
 * has just restarted and its gossip has not settled. It passes (/health/ready says when), so the
 * caller is told to retry (503), not that the ledger refused the request.
 */
function isNoEndorsementPlan(err: GatewayError): boolean {
  return [err.message, ...err.details.map((d) => d.message)].some((m) =>
    /no combination of peers can be derived which satisfy the endorsement policy|failed to select a set of endorsers/.test(m),
  );
}

/** The peer this gateway talks to cannot be reached: another of the org's peers may take the request (own-peers.ts). */
export function isUnreachable(err: unknown): boolean {
  return err instanceof GatewayError && err.code === GrpcStatus.UNAVAILABLE;
}

/** Validation codes that mean another transaction changed what this one read: worth endorsing again. */
const LOST_RACE_CODES = new Set<number>([StatusCode.MVCC_READ_CONFLICT, StatusCode.PHANTOM_READ_CONFLICT]);

/** A write that lost a race to another one; the submit path endorses it again (write-retry.ts). */
export class LostRace extends Error {
  constructor(
    readonly txId: string | undefined,
    readonly reason: string,
  ) {
    super(`lost a race: ${reason}`);
    this.name = 'LostRace';
  }
}

export function isLostRace(err: unknown): boolean {
  return err instanceof LostRace;
}

/**
 * The gateway's own org's peer endorsed, but other orgs' peers answered differently: a payload
 * that does not match, or a refusal (say NOT_FOUND for a line just committed) from a peer that
 * has not yet reached the block this gateway's last write went into. Their state will agree once
 * they catch up, so this is a race, not a refusal. (A refusal by the first peer, or a peer that
 * cannot be reached, is not.)
 */
export function isPeerDisagreement(err: unknown): boolean {
  if (!(err instanceof GatewayError) || !err.message.includes('failed to collect enough transaction endorsements')) return false;
  return err.details.some((d) => d.message.includes('ProposalResponsePayloads do not match') || parseLedgerError(d.message) !== undefined);
}

/**
 * A transaction the orderer accepted but the peers marked invalid. A read conflict is a lost
 * race (retried); anything else means the ledger refused it (502, nothing written).
 */
export function notCommitted(txId: string, code: number): Error {
  if (LOST_RACE_CODES.has(code)) return new LostRace(txId, validationCodeName(code));
  return Object.assign(new ApiError(502, 'TX_INVALID', `the transaction was not committed: ${validationCodeName(code)}`, { txId }), {
    internal: `validation code ${code}`,
  });
}

/** A write that kept losing races after every retry: nothing was written, and the same request may be sent again. */
export function stillContended(race: LostRace): ApiError {
  return Object.assign(
    new ApiError(503, 'WRITE_CONTENTION', 'other writes to the same records kept winning; nothing was written, send the same request again', {
      txId: race.txId,
      retryable: true,
    }),
    { retryAfterSeconds: 1, internal: race.reason },
  );
}

/** The name Fabric gives a transaction validation code, e.g. 0 -> VALID, 11 -> MVCC_READ_CONFLICT. */
export function validationCodeName(code: number): string {
  return Object.entries(StatusCode).find(([, value]) => value === code)?.[0] ?? String(code);
}
