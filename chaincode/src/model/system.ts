import { SYSTEM_ROLES } from '../lib/records';
import { arrayOf, id, invalid, object, oneOf, optional, sha256, text, type Check } from './validate';

const roles: Check<(typeof SYSTEM_ROLES)[number][]> = (value, path) => {
  const list = arrayOf(oneOf(SYSTEM_ROLES), { min: 1, max: SYSTEM_ROLES.length })(value, path);
  if (new Set(list).size !== list.length) throw invalid(path, 'repeats a role');
  return list;
};

export const registrationInput = object({
  systemId: id,
  name: text(200),
  /** Optional: when given it must be the caller's own MSP id. */
  org: optional(id),
  roles,
  certFingerprint: optional(sha256),
});
export type RegistrationInput = ReturnType<typeof registrationInput>;

const updateShape = object({
  systemId: id,
  name: optional(text(200)),
  roles: optional(roles),
  certFingerprint: optional(sha256),
});
export type SystemUpdate = ReturnType<typeof updateShape>;

export const systemUpdate: Check<SystemUpdate> = (value, path) => {
  const update = updateShape(value, path);
  if (update.name === null && update.roles === null && update.certFingerprint === null) {
    throw invalid(path, 'must change at least one of name, roles, certFingerprint');
  }
  return update;
};
