/**
 * Payments: one line, a batch (JSON or CSV), settlement and overpayment recovery. Citizen IDs and
 * bank accounts leave these functions only as pseudonyms.
 */
import type { AccessPurpose, DisbursementBatch, DisbursementLine, LineKind, Overpayment } from '@welfare-ledger/chaincode/lib';
import type { Caller } from '../auth/roles';
import type { Receipt } from '../fabric/ledger';
import { accessEventProofLink, proofLink } from '../proofs/links';
import { logGatewayRead } from './access-events';
import { actorFor, type Services } from './context';

export interface PaymentInput {
  lineId: string;
  citizenId: string;
  amountFen: number;
  bankAccount: string;
  kind: LineKind;
}

export interface BatchInput {
  batchId: string;
  programmeId: string;
  period: string;
  lines: PaymentInput[];
}

function onLedger(s: Services, { citizenId, bankAccount, ...line }: PaymentInput) {
  return { ...line, subjectRef: s.pseudonyms.subjectRef(citizenId), accountRef: s.pseudonyms.accountRef(bankAccount) };
}

export function postDisbursement(
  s: Services,
  caller: Caller,
  { programmeId, period, ...line }: PaymentInput & { programmeId: string; period: string },
): Promise<Receipt<DisbursementLine>> {
  const payload = { ...onLedger(s, line), programmeId, period };
  return s.ledger.submit(actorFor(caller), 'disbursement:PostDisbursement', [JSON.stringify(payload)]);
}

export function postBatch(s: Services, caller: Caller, batch: BatchInput): Promise<Receipt<DisbursementBatch>> {
  const payload = { ...batch, lines: batch.lines.map((line) => onLedger(s, line)) };
  return s.ledger.submit(actorFor(caller), 'disbursement:PostBatch', [JSON.stringify(payload)]);
}

export function readBatch(s: Services, caller: Caller, batchId: string): Promise<DisbursementBatch> {
  return s.ledger.evaluate(actorFor(caller), 'disbursement:ReadBatch', [batchId]);
}

export function settleLine(
  s: Services,
  caller: Caller,
  lineId: string,
  settlement: { outcome: 'SETTLED' | 'RETURNED'; bankRef: string; date: string },
): Promise<Receipt<DisbursementLine>> {
  return s.ledger.submit(actorFor(caller), 'disbursement:SettleLine', [JSON.stringify({ ...settlement, lineId })]);
}

export function recoverOverpayment(
  s: Services,
  caller: Caller,
  lineId: string,
  recovery: { recoveryRef: string; date: string },
): Promise<Receipt<Overpayment>> {
  return s.ledger.submit(actorFor(caller), 'disbursement:RecoverOverpayment', [JSON.stringify({ ...recovery, lineId })]);
}

/** Reads one payment line; the read is logged as an access event on the chain before it is answered. */
export async function readDisbursement(
  s: Services,
  caller: Caller,
  lineId: string,
  purpose: AccessPurpose,
): Promise<DisbursementLine & { proof: string; accessEvent: { eventId: string; txId: string; proof: string } }> {
  const line = await s.ledger.evaluate<DisbursementLine>(actorFor(caller), 'disbursement:ReadDisbursement', [lineId]);
  const logged = await logGatewayRead(s, caller, {
    subjectRef: line.subjectRef,
    datasetCode: 'WL.DISBURSEMENT_LINE',
    fields: Object.keys(line).sort(),
    purpose,
    resultCount: 1,
  });
  return { ...line, proof: proofLink(line.txId), accessEvent: { eventId: logged.eventId, txId: logged.txId, proof: accessEventProofLink(logged.eventId) } };
}
