/**
 * Reads single fields out of protobuf bytes without decoding whole messages. The index needs a
 * handful of fields of every transaction of every block (type, txId, the chaincode event), and
 * google-protobuf builds an object for every message on the way there (endorsements, proposal,
 * read-write sets), which was most of what a gateway spent following the chain.
 */

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LENGTH_DELIMITED = 2;
const WIRE_FIXED32 = 5;

interface Field {
  number: number;
  /** A varint's value, or a length-delimited field's bytes (a view, not a copy). */
  value: number | Uint8Array;
}

/** Every field of a message, in order; throws on bytes that are not a protobuf message. */
function* fieldsOf(message: Uint8Array): Generator<Field> {
  let at = 0;
  const varint = (): number => {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (at >= message.length) throw new Error('protobuf: truncated varint');
      const byte = message[at++]!;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
  };
  while (at < message.length) {
    const tag = varint();
    const number = Math.floor(tag / 8);
    const wireType = tag % 8;
    if (wireType === WIRE_VARINT) {
      yield { number, value: varint() };
    } else if (wireType === WIRE_LENGTH_DELIMITED) {
      const length = varint();
      if (at + length > message.length) throw new Error('protobuf: truncated field');
      yield { number, value: message.subarray(at, (at += length)) };
    } else if (wireType === WIRE_FIXED64 || wireType === WIRE_FIXED32) {
      at += wireType === WIRE_FIXED64 ? 8 : 4;
    } else {
      throw new Error(`protobuf: unsupported wire type ${wireType}`);
    }
  }
  if (at > message.length) throw new Error('protobuf: truncated field');
}

/** A length-delimited field (bytes, string, message): its last occurrence (Fabric writes each once). Empty when absent. */
export function bytesField(message: Uint8Array, number: number): Uint8Array {
  let found: Uint8Array = new Uint8Array();
  for (const field of fieldsOf(message)) if (field.number === number && field.value instanceof Uint8Array) found = field.value;
  return found;
}

/** Every occurrence of a repeated length-delimited field. */
export function repeatedBytesField(message: Uint8Array, number: number): Uint8Array[] {
  const found: Uint8Array[] = [];
  for (const field of fieldsOf(message)) if (field.number === number && field.value instanceof Uint8Array) found.push(field.value);
  return found;
}

/** A varint field (int32, enum); 0 when absent. */
export function varintField(message: Uint8Array, number: number): number {
  let found = 0;
  for (const field of fieldsOf(message)) if (field.number === number && typeof field.value === 'number') found = field.value;
  return found;
}

const decoder = new TextDecoder();

export function stringField(message: Uint8Array, number: number): string {
  return decoder.decode(bytesField(message, number));
}
