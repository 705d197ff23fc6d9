/**
 * The welfare chaincode. fabric-chaincode-node loads this module (package.json main) and
 * serves every contract below; `programme` is the default contract.
 */
import { skipLogLinesBelowLevel } from './shim-logging';
import { AccessContract } from './contracts/access';
import { BenchContract } from './contracts/bench';
import { DeathContract } from './contracts/death';
import { DisbursementContract } from './contracts/disbursement';
import { EligibilityContract } from './contracts/eligibility';
import { ProgrammeContract } from './contracts/programme';
import { SystemContract } from './contracts/system';

export { AccessContract, BenchContract, DeathContract, DisbursementContract, EligibilityContract, ProgrammeContract, SystemContract };

skipLogLinesBelowLevel();

export const contracts: unknown[] = [
  ProgrammeContract,
  EligibilityContract,
  DeathContract,
  DisbursementContract,
  SystemContract,
  AccessContract,
  BenchContract,
];
