/** The committing peer's validation code of each transaction (block metadata TRANSACTIONS_FILTER), by name. */
import { peer } from '@hyperledger/fabric-protos';

const NAMES = new Map<number, string>(Object.entries(peer.TxValidationCode).map(([name, code]) => [code as number, name]));

export const VALID = peer.TxValidationCode.VALID;

export function validationCodeName(code: number | undefined): string {
  if (code === undefined) return 'MISSING';
  return NAMES.get(code) ?? `code ${code}`;
}
