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
  if (err instanceof GatewayError) {
    for (const text of [...err.details.map((d) => d.message), err.message]) {
      const reason = parseLedgerError(text);
      if (reason) return ApiError.fromReason(reason.code, reason.message);
    }
    const internal = [err.message, ...err.details.map((d) => `${d.mspId}@${d.address}: ${d.message}`)].join('; ');
    if (UNREACHABLE.has(err.code)) return Object.assign(unavailable('the ledger network is unavailable; try again'), { internal });
    return Object.assign(new ApiError(502, 'LEDGER_ERROR', 'the ledger refused the request'), { internal });
  }
  return Object.assign(new ApiError(500, 'INTERNAL', 'internal error'), { internal: (err as Error)?.message });
}

/** A transaction the orderer accepted but the peers marked invalid (e.g. an MVCC read conflict). */
export function notCommitted(txId: string, code: number): ApiError {
  return new ApiError(409, 'TX_INVALID', `the transaction was not committed: ${validationCodeName(code)}`, { txId });
}

/** The name Fabric gives a transaction validation code, e.g. 0 -> VALID, 11 -> MVCC_READ_CONFLICT. */
export function validationCodeName(code: number): string {
  return Object.entries(StatusCode).find(([, value]) => value === code)?.[0] ?? String(code);
}
