import { contracts } from './index';

// fabric-shim builds the chaincode's metadata from the decorators exactly as a peer would load it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ChaincodeFromContract = require('fabric-shim/lib/contract-spi/chaincodefromcontract');

describe('the welfare chaincode', () => {
  const serializers = {
    transaction: 'jsonSerializer',
    serializers: { jsonSerializer: require('fabric-contract-api').JSONSerializer },
  };
  const chaincode = new ChaincodeFromContract([...contracts], serializers, {}, 'welfare', '0.1.0');
  const transactionsOf = (name: string) =>
    chaincode.metadata.contracts[name].transactions.map((t: { name: string }) => t.name).sort();

  it('makes programme the default contract', () => {
    expect(chaincode.defaultContractName).toBe('programme');
  });

  it.each([
    ['programme', ['CreateProgramme', 'ListProgrammes', 'ProgrammeHistory', 'ReadProgramme', 'UpdateProgramme']],
    ['eligibility', ['Grant', 'History', 'ListBySubject', 'ReadEligibility', 'Reinstate', 'Revoke', 'Suspend', 'TransferDistrict']],
    ['death', ['ReadDeath', 'RecordDeath']],
    [
      'disbursement',
      ['ListOverpayments', 'PostBatch', 'PostDisbursement', 'ReadBatch', 'ReadDisbursement', 'ReadOverpayment', 'RecoverOverpayment', 'SettleLine'],
    ],
    ['system', ['ListSystems', 'ReadSystem', 'RegisterSystem', 'RetireSystem', 'UpdateSystem']],
    ['access', ['AnchorAccessBatch', 'ReadAccessBatch']],
    ['bench', ['PutValue']],
  ])('serves the %s contract with exactly its transactions', (name, transactions) => {
    expect(transactionsOf(name as string)).toEqual(transactions);
  });

  it('takes only string arguments and marks queries as evaluate-only', () => {
    for (const contract of Object.values(chaincode.metadata.contracts) as { name: string; transactions: Transaction[] }[]) {
      if (contract.name === 'org.hyperledger.fabric') continue;
      for (const transaction of contract.transactions) {
        for (const parameter of transaction.parameters ?? []) expect(parameter.schema.type).toBe('string');
        const isQuery = /^(Read|List)|History$/.test(transaction.name);
        expect(transaction.tag.includes('submitTx')).toBe(!isQuery);
      }
    }
  });
});

interface Transaction {
  name: string;
  tag: string[];
  parameters?: { schema: { type: string } }[];
}
