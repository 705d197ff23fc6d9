import type { DisbursementLine, LineKind } from '@welfare-ledger/chaincode/lib';
import type { Caller } from '../auth/roles';
import type { Receipt } from '../fabric/ledger';
import { actorFor, type Services } from './context';

export interface DisbursementLineInput {
  lineId: string;
  programmeId: string;
  period: string;
  citizenId: string;
  amountFen: number;
  bankAccount: string;
  kind: LineKind;
}

/** Posts one payment line; the citizen ID and the account leave this function only as pseudonyms. */
export function postDisbursement(
  s: Services,
  caller: Caller,
  { citizenId, bankAccount, ...line }: DisbursementLineInput,
): Promise<Receipt<DisbursementLine>> {
  const onLedger = { ...line, subjectRef: s.pseudonyms.subjectRef(citizenId), accountRef: s.pseudonyms.accountRef(bankAccount) };
  return s.ledger.submit(actorFor(caller), 'disbursement:PostDisbursement', [JSON.stringify(onLedger)]);
}

export function readDisbursement(s: Services, caller: Caller, lineId: string): Promise<DisbursementLine> {
  return s.ledger.evaluate(actorFor(caller), 'disbursement:ReadDisbursement', [lineId]);
}
