/** Subsidy programmes: created by Civil Affairs, later renamed or given a new cap. */
import { z } from 'zod';
import { addProblem, ledgerText, positiveFenInput, programmeIdInput } from './fields';

export const programmeFields = {
  nameEn: ledgerText(200),
  nameZh: ledgerText(100),
  monthlyCapFen: positiveFenInput,
};

export const programmeSchema = z.strictObject({ id: programmeIdInput, ...programmeFields });
export type ProgrammeInput = z.infer<typeof programmeSchema>;

/** The fields an update may change; the gateway takes them as a body, the programme id from the path. */
export const programmeChanges = z.strictObject({
  nameEn: programmeFields.nameEn.optional(),
  nameZh: programmeFields.nameZh.optional(),
  monthlyCapFen: programmeFields.monthlyCapFen.optional(),
});

export function changesSomething(update: z.infer<typeof programmeChanges>, ctx: z.RefinementCtx): void {
  if (update.nameEn === undefined && update.nameZh === undefined && update.monthlyCapFen === undefined) {
    addProblem(ctx, [], 'must change at least one of nameEn, nameZh, monthlyCapFen');
  }
}

export const programmeUpdateSchema = programmeChanges.extend({ id: programmeIdInput }).superRefine(changesSomething);
export type ProgrammeUpdate = z.infer<typeof programmeUpdateSchema>;
