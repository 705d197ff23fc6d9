/** The death registry feed: suspends benefits and flags overpayments in the same transaction. */
import type { Death } from '@welfare-ledger/chaincode/lib';
import type { Caller } from '../auth/roles';
import type { Receipt } from '../fabric/ledger';
import { actorFor, type Services } from './context';

export interface DeathInput {
  citizenId: string;
  dateOfDeath: string;
  source: string;
}

export function recordDeath(s: Services, caller: Caller, { citizenId, ...death }: DeathInput): Promise<Receipt<Death>> {
  const onLedger = { ...death, subjectRef: s.pseudonyms.subjectRef(citizenId) };
  return s.ledger.submit(actorFor(caller), 'death:RecordDeath', [JSON.stringify(onLedger)]);
}
