/**
 * The welfare chaincode. fabric-chaincode-node loads this module (package.json main) and
 * serves every contract below; `programme` is the default contract.
 */
import { BenchContract } from './contracts/bench';
import { DeathContract } from './contracts/death';
import { DisbursementContract } from './contracts/disbursement';
import { EligibilityContract } from './contracts/eligibility';
import { ProgrammeContract } from './contracts/programme';

export { BenchContract, DeathContract, DisbursementContract, EligibilityContract, ProgrammeContract };

export const contracts: unknown[] = [ProgrammeContract, EligibilityContract, DeathContract, DisbursementContract, BenchContract];
