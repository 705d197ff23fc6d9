/**
 * The one error shape the API answers with: `{ error: { code, message, details } }`.
 * Services throw ApiError; the error middleware renders it. Ledger reason codes keep their
 * own code and take their HTTP status from the code's kind (chaincode lib).
 */
import { REASON_CODES, STATUS_BY_KIND, type ReasonCode } from '@welfare-ledger/chaincode/lib';

export class ApiError extends Error {
  /** What went wrong underneath, for the operator's log only; never sent to the caller. */
  internal?: string;
  /** Sent as `Retry-After` (seconds) when the caller should try the same request again later. */
  retryAfterSeconds?: number;

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static fromReason(code: ReasonCode, message: string, details?: unknown): ApiError {
    return new ApiError(STATUS_BY_KIND[REASON_CODES[code].kind], code, message, details);
  }
}

export const badRequest = (message: string, details?: unknown) => new ApiError(400, 'VALIDATION', message, details);
export const unauthorized = (message = 'a valid API key is required') => new ApiError(401, 'UNAUTHORIZED', message);
export const forbidden = (message: string) => new ApiError(403, 'FORBIDDEN', message);
export const notFound = (message: string) => new ApiError(404, 'NOT_FOUND', message);
export const unavailable = (message: string) => new ApiError(503, 'NETWORK_UNAVAILABLE', message);
export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  Object.assign(new ApiError(429, 'RATE_LIMITED', message), { retryAfterSeconds });
