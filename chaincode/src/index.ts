/**
 * The welfare chaincode. fabric-chaincode-node loads this module (package.json main) and
 * serves every contract below; `programme` is the default contract. The benchmark's plain-write
 * baseline is a chaincode of its own (bench/plain-write), deployed only on the bench's network.
 */
import { skipLogLinesBelowLevel } from './shim-logging';
import { AccessContract } from './contracts/access';
import { DeathContract } from './contracts/death';
import { DisbursementContract } from './contracts/disbursement';
import { EligibilityContract } from './contracts/eligibility';
import { ProgrammeContract } from './contracts/programme';
import { SystemContract } from './contracts/system';

export { AccessContract, DeathContract, DisbursementContract, EligibilityContract, ProgrammeContract, SystemContract };

skipLogLinesBelowLevel();

export const contracts: unknown[] = [
  ProgrammeContract,
  EligibilityContract,
  DeathContract,
  DisbursementContract,
  SystemContract,
  AccessContract,
];
