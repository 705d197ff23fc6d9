/**
 * The welfare chaincode. fabric-chaincode-node loads this module (package.json main) and
 * serves every contract below; `programme` is the default contract.
 */
import { BenchContract } from './contracts/bench';
import { DisbursementContract } from './contracts/disbursement';
import { ProgrammeContract } from './contracts/programme';

export { BenchContract, DisbursementContract, ProgrammeContract };

export const contracts: unknown[] = [ProgrammeContract, DisbursementContract, BenchContract];
