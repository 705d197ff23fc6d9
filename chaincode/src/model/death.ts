import { code, object, realDate, subjectRef } from './validate';

export const deathInput = object({ subjectRef, dateOfDeath: realDate, source: code });
export type DeathInput = ReturnType<typeof deathInput>;
