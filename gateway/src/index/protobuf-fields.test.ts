import { common, peer } from '@hyperledger/fabric-protos';
import { bytesField, repeatedBytesField, stringField, varintField } from './protobuf-fields';

describe('reading single protobuf fields', () => {
  const header = new common.ChannelHeader();
  header.setType(common.HeaderType.ENDORSER_TRANSACTION);
  header.setVersion(2);
  header.setChannelId('welfare');
  header.setTxId('a'.repeat(200));
  header.setEpoch(7);
  const bytes = header.serializeBinary();

  it('reads what google-protobuf wrote: varints, strings, past fields it does not ask for', () => {
    expect(varintField(bytes, 1)).toBe(common.HeaderType.ENDORSER_TRANSACTION);
    expect(stringField(bytes, 4)).toBe('welfare');
    expect(stringField(bytes, 5)).toBe('a'.repeat(200));
    expect(varintField(bytes, 6)).toBe(7);
  });

  it('answers empty or 0 for a field that is absent', () => {
    expect(bytesField(bytes, 8)).toHaveLength(0);
    expect(varintField(new Uint8Array(), 1)).toBe(0);
  });

  it('reads every occurrence of a repeated field in order, and the last of a singular one', () => {
    const transaction = new peer.Transaction();
    for (const name of ['first', 'second']) {
      const action = new peer.TransactionAction();
      action.setPayload(new TextEncoder().encode(name));
      transaction.addActions(action);
    }
    const actions = repeatedBytesField(transaction.serializeBinary(), 1);
    expect(actions.map((action) => stringField(action, 2))).toEqual(['first', 'second']);
    expect(stringField(bytesField(transaction.serializeBinary(), 1), 2)).toBe('second');
  });

  it('skips fixed-width fields and refuses truncated bytes', () => {
    // field 1 fixed64, field 2 fixed32, field 3 the string "ok"
    const message = Uint8Array.from([0x09, 1, 2, 3, 4, 5, 6, 7, 8, 0x15, 1, 2, 3, 4, 0x1a, 2, 0x6f, 0x6b]);
    expect(stringField(message, 3)).toBe('ok');
    expect(() => stringField(bytes.subarray(0, bytes.length - 1), 5)).toThrow(/truncated/);
    expect(() => varintField(Uint8Array.from([0x08, 0x80]), 1)).toThrow(/truncated/);
  });
});
