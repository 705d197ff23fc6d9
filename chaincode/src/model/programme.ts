import { invalid, object, optional, positiveFen, programmeId, text, type Check } from './validate';

export const programmeInput = object({
  id: programmeId,
  nameEn: text(200),
  nameZh: text(100),
  monthlyCapFen: positiveFen,
});
export type ProgrammeInput = ReturnType<typeof programmeInput>;

const updateShape = object({
  id: programmeId,
  nameEn: optional(text(200)),
  nameZh: optional(text(100)),
  monthlyCapFen: optional(positiveFen),
});
export type ProgrammeUpdate = ReturnType<typeof updateShape>;

export const programmeUpdate: Check<ProgrammeUpdate> = (value, path) => {
  const update = updateShape(value, path);
  if (update.nameEn === null && update.nameZh === null && update.monthlyCapFen === null) {
    throw invalid(path, 'must change at least one of nameEn, nameZh, monthlyCapFen');
  }
  return update;
};
