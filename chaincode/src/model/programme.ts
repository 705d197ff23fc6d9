import { programmeFields, programmeSchema } from '../lib/inputs';
import { fromSchema, invalid, object, optional, programmeId, type Check } from './validate';

export const programmeInput = fromSchema(programmeSchema);
export type ProgrammeInput = ReturnType<typeof programmeInput>;

const updateShape = object({
  id: programmeId,
  nameEn: optional(fromSchema(programmeFields.nameEn)),
  nameZh: optional(fromSchema(programmeFields.nameZh)),
  monthlyCapFen: optional(fromSchema(programmeFields.monthlyCapFen)),
});
export type ProgrammeUpdate = ReturnType<typeof updateShape>;

export const programmeUpdate: Check<ProgrammeUpdate> = (value, path) => {
  const update = updateShape(value, path);
  if (update.nameEn === null && update.nameZh === null && update.monthlyCapFen === null) {
    throw invalid(path, 'must change at least one of nameEn, nameZh, monthlyCapFen');
  }
  return update;
};
