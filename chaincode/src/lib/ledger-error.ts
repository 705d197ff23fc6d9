import { isReasonCode, reasonKind, type ReasonCode, type ReasonKind } from './reason-codes';

/**
 * The one error the chaincode throws on purpose. Its message is `[CODE] human message`:
 * the peer passes only the message text back to the client, and the gateway recovers the
 * code from it with parseLedgerError.
 */
export class LedgerError extends Error {
  readonly code: ReasonCode;
  readonly details?: unknown;

  constructor(code: ReasonCode, message: string, details?: unknown) {
    super(`[${code}] ${message}`);
    this.name = 'LedgerError';
    this.code = code;
    this.details = details;
  }

  get kind(): ReasonKind {
    return reasonKind(this.code);
  }
}

const CODE_IN_TEXT = /\[([A-Z_]+)\]\s*([\s\S]*)/;

/** Finds `[CODE] message` in an error text (e.g. a peer's endorsement error); undefined if absent or unknown. */
export function parseLedgerError(text: string): { code: ReasonCode; message: string } | undefined {
  const match = CODE_IN_TEXT.exec(text);
  if (!match || !isReasonCode(match[1])) return undefined;
  return { code: match[1], message: match[2].trim() };
}
