// The programmes (names in both languages), fetched once per sign-in.
import { api, caller } from './session.js';

let cached = null;
let cachedFor = null;

export async function programmes() {
  if (!cached || cachedFor !== caller()) {
    cached = (await api('GET', '/v1/programmes')).programmes;
    cachedFor = caller();
  }
  return cached;
}

export async function programmeById() {
  return new Map((await programmes()).map((p) => [p.id, p]));
}
