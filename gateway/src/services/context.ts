import type { KeyStore } from '../auth/key-store';
import type { Caller } from '../auth/roles';
import type { Actor, Ledger } from '../fabric/ledger';
import type { SystemIdentities } from '../fabric/system-identities';
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
  /** Systems' own identities at the org's CA; absent when the gateway is configured without a CA. */
  identities?: SystemIdentities;
  index: IndexDb;
  follower: IndexFollower;
}

/** Whom a caller's writes and reads go out as: the system's own identity (the org's, if it has none). */
export function actorFor(caller: Caller): Actor {
  return { mspId: caller.mspId, systemId: caller.systemId };
}
