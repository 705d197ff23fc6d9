import { MINIMUM_LIVING } from '../testing/fixtures';
import { FakeStub, WorldState } from '../testing/fake-stub';
import { Ledger, timestampToIso } from './ledger';

const programme = { ...MINIMUM_LIVING, ownerMsp: 'CivilAffairsMSP', createdAt: 't', updatedAt: 't', txId: 'tx' };

function transaction(world: WorldState): { stub: FakeStub; ledger: Ledger; commit: () => void } {
  const { txId, timestampMs } = world.nextTransaction();
  const stub = new FakeStub(world, txId, timestampMs);
  const ledger = new Ledger(stub as never);
  return { stub, ledger, commit: () => world.commit(txId, timestampMs, stub.writes, stub.event) };
}

describe("a transaction's view of the ledger", () => {
  it('reads its own writes, which Fabric itself does not', async () => {
    const world = new WorldState();
    const { stub, ledger } = transaction(world);
    await ledger.put('programme', programme);
    await expect(ledger.get('programme', 'MINIMUM_LIVING')).resolves.toEqual(programme);
    await expect(stub.getState(stub.createCompositeKey('programme', ['MINIMUM_LIVING']))).resolves.toHaveLength(0);
  });

  it('publishes no event when nothing changed', () => {
    const { stub, ledger } = transaction(new WorldState());
    ledger.publish();
    expect(stub.event).toBeNull();
  });

  it('shows a deleted key in its history as a deletion without a record', async () => {
    const world = new WorldState('2024-01-01T00:00:00.000Z');
    const first = transaction(world);
    await first.ledger.put('programme', programme);
    first.commit();
    const second = transaction(world);
    await second.stub.deleteState(second.stub.createCompositeKey('programme', ['MINIMUM_LIVING']));
    second.commit();
    const page = await transaction(world).ledger.history('programme', ['MINIMUM_LIVING'], 10, 0);
    expect(page.entries).toEqual([
      { txId: 'tx000002', timestamp: '2024-01-01T00:00:02.000Z', isDelete: true, record: null },
      { txId: 'tx000001', timestamp: '2024-01-01T00:00:01.000Z', isDelete: false, record: programme },
    ]);
  });

  it('turns both Fabric timestamp shapes into ISO-8601 UTC', () => {
    expect(timestampToIso({ seconds: 1718848800, nanos: 123_456_789 })).toBe('2024-06-20T02:00:00.123Z');
    expect(timestampToIso({ seconds: { toNumber: () => 1718848800 }, nanos: 0 })).toBe('2024-06-20T02:00:00.000Z');
  });

  it('splits composite keys the way fabric-shim builds them', () => {
    const stub = new FakeStub(new WorldState(), 'tx', 0);
    const key = stub.createCompositeKey('eligibility', ['abc', 'MINIMUM_LIVING']);
    expect(key).toBe('\u0000eligibility\u0000abc\u0000MINIMUM_LIVING\u0000');
    expect(stub.splitCompositeKey(key)).toEqual({ objectType: 'eligibility', attributes: ['abc', 'MINIMUM_LIVING'] });
  });
});
