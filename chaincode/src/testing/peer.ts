/**
 * Invokes the chaincode through fabric-shim's own dispatcher, as a peer does: function name
 * `contract:Function`, byte arguments, the creator's certificate parsed by the real ClientIdentity.
 */
import { FakeStub, WorldState } from './fake-stub';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const ChaincodeFromContract = require('fabric-shim/lib/contract-spi/chaincodefromcontract');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { JSONSerializer } = require('fabric-contract-api');

export interface PeerResponse {
  status: number;
  message: string;
  payload: string;
}

export function loadChaincode(contracts: unknown[]) {
  const serializers = { transaction: 'jsonSerializer', serializers: { jsonSerializer: JSONSerializer } };
  return new ChaincodeFromContract([...contracts], serializers, {}, 'welfare', '0.1.0');
}

class PeerStub extends FakeStub {
  constructor(
    world: WorldState,
    txId: string,
    timestampMs: number,
    private readonly args: string[],
    private readonly creator: { mspid: string; idBytes: Uint8Array },
  ) {
    super(world, txId, timestampMs);
  }

  getBufferArgs(): Buffer[] {
    return this.args.map((arg) => Buffer.from(arg, 'utf8'));
  }

  getCreator() {
    return this.creator;
  }
}

/** Submits through the shim; commits the writes when the response is 200, as a valid transaction would. */
export async function invokeAsPeer(
  chaincode: { Invoke(stub: unknown): Promise<{ status: number; message?: string; payload?: Buffer }> },
  world: WorldState,
  creator: { mspid: string; certPem: string },
  fn: string,
  ...args: string[]
): Promise<PeerResponse> {
  const { txId, timestampMs } = world.nextTransaction();
  const stub = new PeerStub(world, txId, timestampMs, [fn, ...args], { mspid: creator.mspid, idBytes: Buffer.from(creator.certPem) });
  const response = await chaincode.Invoke(stub);
  if (response.status === 200) world.commit(txId, timestampMs, stub.writes, stub.event);
  return { status: response.status, message: response.message ?? '', payload: response.payload ? Buffer.from(response.payload).toString('utf8') : '' };
}
