import { LedgerError } from '../lib/ledger-error';
import type { Programme } from '../lib/records';
import type { ProgrammeInput, ProgrammeUpdate } from '../lib/inputs';
import type { Stamp } from './stamp';

export function createProgramme(existing: Programme | null, input: ProgrammeInput, stamp: Stamp): Programme {
  if (existing) throw new LedgerError('ALREADY_EXISTS', `programme ${input.id} already exists`);
  return { ...input, ownerMsp: stamp.msp, createdAt: stamp.now, updatedAt: stamp.now, txId: stamp.txId };
}

export function updateProgramme(existing: Programme | null, update: ProgrammeUpdate, stamp: Stamp): Programme {
  if (!existing) throw new LedgerError('NOT_FOUND', `programme ${update.id} does not exist`);
  return {
    ...existing,
    nameEn: update.nameEn ?? existing.nameEn,
    nameZh: update.nameZh ?? existing.nameZh,
    monthlyCapFen: update.monthlyCapFen ?? existing.monthlyCapFen,
    updatedAt: stamp.now,
    txId: stamp.txId,
  };
}
