import type { Caller } from '../auth/roles';
import type { Actor, Ledger } from '../fabric/ledger';
import type { Pseudonymizer } from '../privacy/pseudonym';

/** What every use case needs: the chain and the pseudonymizer. */
export interface Services {
  ledger: Ledger;
  pseudonyms: Pseudonymizer;
}

/** The org identity a caller's writes and reads go out under: its own org's client identity. */
export function actorFor(caller: Caller): Actor {
  return { mspId: caller.mspId, identity: 'client' };
}
