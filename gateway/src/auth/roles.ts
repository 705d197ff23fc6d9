import type { SystemRole } from '@welfare-ledger/chaincode/lib';

/** The roles a registered system can hold (SPEC §2), as the ledger's system registry names them. */
export type Role = SystemRole;

/** Who is calling: the registered system behind the API key. */
export interface Caller {
  systemId: string;
  mspId: string;
  roles: Role[];
}
