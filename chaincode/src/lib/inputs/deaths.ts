/** A death from the registry feed. */
import { z } from 'zod';
import { codeInput, pseudonymRef, realDateInput } from './fields';

export const deathSchema = z.strictObject({ subjectRef: pseudonymRef, dateOfDeath: realDateInput, source: codeInput });
export type DeathInput = z.infer<typeof deathSchema>;
