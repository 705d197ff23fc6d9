import type { KeyStore } from '../auth/key-store';
import type { Caller } from '../auth/roles';
import type { Actor, Ledger } from '../fabric/ledger';
import type { IndexFollower } from '../index/follower';
import type { IndexDb } from '../index/sqlite';
import type { Pseudonymizer } from '../privacy/pseudonym';
import type { AccessLog } from './access-log';
import type { ActiveSystems } from './active-systems';

/** What the use cases need: the chain, the pseudonymizer, the key store, the access log, the index. */
export interface Services {
  ledger: Ledger;
  pseudonyms: Pseudonymizer;
  keys: KeyStore;
  accessLog: AccessLog;
  systems: ActiveSystems;
  index: IndexDb;
  follower: IndexFollower;
}

/** The org identity a caller's writes and reads go out under: its org's client identity. */
export function actorFor(caller: Caller): Actor {
  return { mspId: caller.mspId };
}
