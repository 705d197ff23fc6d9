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

  it('serves the programme, disbursement and bench transactions with string arguments', () => {
    expect(transactionsOf('programme')).toEqual(['CreateProgramme', 'ListProgrammes', 'ProgrammeHistory', 'ReadProgramme', 'UpdateProgramme']);
    expect(transactionsOf('bench')).toEqual(['PutValue']);
    expect(transactionsOf('disbursement')).toEqual(expect.arrayContaining(['PostDisbursement', 'ReadDisbursement']));
    const post = chaincode.metadata.contracts.disbursement.transactions.find((t: { name: string }) => t.name === 'PostDisbursement');
    expect(post.parameters.map((p: { schema: { type: string } }) => p.schema.type)).toEqual(['string']);
  });
});
