import type { Programme } from '@welfare-ledger/chaincode/lib';
import type { Caller } from '../auth/roles';
import type { Receipt } from '../fabric/ledger';
import { actorFor, type Services } from './context';

export interface ProgrammeInput {
  id: string;
  nameEn: string;
  nameZh: string;
  monthlyCapFen: number;
}

export function createProgramme(s: Services, caller: Caller, input: ProgrammeInput): Promise<Receipt<Programme>> {
  return s.ledger.submit(actorFor(caller), 'programme:CreateProgramme', [JSON.stringify(input)]);
}

export function updateProgramme(
  s: Services,
  caller: Caller,
  id: string,
  changes: Partial<Omit<ProgrammeInput, 'id'>>,
): Promise<Receipt<Programme>> {
  return s.ledger.submit(actorFor(caller), 'programme:UpdateProgramme', [JSON.stringify({ ...changes, id })]);
}

export function readProgramme(s: Services, caller: Caller, id: string): Promise<Programme> {
  return s.ledger.evaluate(actorFor(caller), 'programme:ReadProgramme', [id]);
}

export function listProgrammes(s: Services, caller: Caller): Promise<Programme[]> {
  return s.ledger.evaluate(actorFor(caller), 'programme:ListProgrammes', []);
}
