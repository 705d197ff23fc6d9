/**
 * Test helper: one small city month by month. Subjects A and B are eligible for the elderly
 * allowance (A also for disability living), C never is; A moves district; B dies in June 2024
 * after being paid for July, so B's July payments become overpayments.
 */
import { SyntheticChain, subject } from './synthetic-chain';

export const A = subject('A');
export const B = subject('B');
export const C = subject('C');

export const ELDERLY = 'ELDERLY_ALLOWANCE';
export const DISABILITY = 'DISABILITY_LIVING';

export function cityScenario(): SyntheticChain {
  const chain = new SyntheticChain();
  chain.programme(ELDERLY, 30_000);
  chain.programme(DISABILITY, 20_000);
  chain.system('audit-system', 'AuditMSP', ['auditor', 'inspector', 'access-log']);
  chain.cutBlock(); // 1

  chain.grant(A, ELDERLY, '310104');
  chain.grant(B, ELDERLY, '310105');
  chain.grant(A, DISABILITY, '310104');
  chain.grant(B, DISABILITY, '310105');
  chain.cutBlock(); // 2

  chain.batch('B-2024-06', ELDERLY, '2024-06', [
    { lineId: 'L1', subjectRef: A, amountFen: 20_000 },
    { lineId: 'L2', subjectRef: B, amountFen: 20_000 },
    { lineId: 'L3', subjectRef: C, amountFen: 20_000, reject: 'NOT_ELIGIBLE' },
    { lineId: 'L4', subjectRef: A, amountFen: 20_000, reject: 'DUPLICATE' },
  ]);
  chain.cutBlock(); // 3

  chain.settle('L1', 'SETTLED');
  chain.settle('L2', 'SETTLED');
  chain.cutBlock(); // 4

  chain.cutBlock(); // 5: a block with nothing for the index

  chain.transferDistrict(A, ELDERLY, '310106');
  chain.batch('B-2024-07', ELDERLY, '2024-07', [
    { lineId: 'L5', subjectRef: A, amountFen: 20_000 },
    { lineId: 'L6', subjectRef: B, amountFen: 20_000 },
    { lineId: 'L7', subjectRef: C, amountFen: null, reject: 'INVALID_AMOUNT' },
    { lineId: 'L8', subjectRef: B, amountFen: 40_000, kind: 'SUPPLEMENT', reject: 'AMOUNT_EXCEEDS_STANDARD' },
  ]);
  chain.batch('D-2024-07', DISABILITY, '2024-07', [{ lineId: 'L11', subjectRef: B, amountFen: 15_000 }]);
  chain.cutBlock(); // 6

  chain.death(B, '2024-06-15');
  chain.cutBlock(); // 7

  chain.anchorAccess('AB-1', [
    { eventId: 'AE-1', subjectRef: A },
    { eventId: 'AE-2', subjectRef: B, purpose: 'DEATH_VERIFICATION' },
    { eventId: 'AE-3', subjectRef: A, accessorSystemId: 'finance-system', purpose: 'DISBURSEMENT_VERIFICATION' },
  ]);
  chain.silentTransaction();
  chain.cutBlock(); // 8

  chain.settle('L5', 'RETURNED');
  chain.batch('B-2024-08', ELDERLY, '2024-08', [
    { lineId: 'L9', subjectRef: B, amountFen: 20_000, reject: 'DECEASED' },
    { lineId: 'L10', subjectRef: A, amountFen: 20_000 },
  ]);
  chain.cutBlock(); // 9

  chain.settle('L6', 'RETURNED');
  chain.cutBlock(); // 10
  return chain;
}
