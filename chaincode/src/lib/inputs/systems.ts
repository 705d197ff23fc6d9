/** The system registry: which systems of an org have "entered the chain", with which roles. */
import { z } from 'zod';
import { SYSTEM_ROLES } from '../records';
import { addProblem, ledgerId, ledgerText, sha256Input } from './fields';

export const systemRoles = z
  .array(z.enum(SYSTEM_ROLES))
  .min(1)
  .max(SYSTEM_ROLES.length)
  .superRefine((roles, ctx) => {
    if (new Set(roles).size !== roles.length) addProblem(ctx, [], 'repeats a role');
  });

export const registrationSchema = z.strictObject({
  systemId: ledgerId,
  name: ledgerText(200),
  /** Optional: when given it must be the caller's own MSP id (the gateway never sends it). */
  org: ledgerId.optional(),
  roles: systemRoles,
  certFingerprint: sha256Input.optional(),
});
export type RegistrationInput = z.infer<typeof registrationSchema>;

export const systemUpdateSchema = z
  .strictObject({ systemId: ledgerId, name: ledgerText(200).optional(), roles: systemRoles.optional(), certFingerprint: sha256Input.optional() })
  .superRefine((update, ctx) => {
    if (update.name === undefined && update.roles === undefined && update.certFingerprint === undefined) {
      addProblem(ctx, [], 'must change at least one of name, roles, certFingerprint');
    }
  });
export type SystemUpdate = z.infer<typeof systemUpdateSchema>;
