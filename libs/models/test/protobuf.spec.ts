/** The protobuf writer against the encoding guide's own examples (https://protobuf.dev/programming-guides/encoding/). */
import { ProtoWriter } from '../src/onnx/protobuf';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('ProtoWriter', () => {
  it('writes varints base-128, least significant group first', () => {
    expect(hex(new ProtoWriter().int(1, 150).finish())).toBe('089601');
    expect(hex(new ProtoWriter().int(2, 300).finish())).toBe('10ac02');
    expect(hex(new ProtoWriter().int(1, 2 ** 35).finish())).toBe('088080808080 01'.replace(' ', ''));
  });

  it('writes strings and nested messages length-prefixed', () => {
    expect(hex(new ProtoWriter().string(2, 'testing').finish())).toBe('120774657374696e67');
    expect(hex(new ProtoWriter().message(3, new ProtoWriter().int(1, 150)).finish())).toBe('1a03089601');
  });

  it('writes floats little-endian, alone (wire type 5) or packed', () => {
    expect(hex(new ProtoWriter().float(2, 1).finish())).toBe('150000803f');
    expect(hex(new ProtoWriter().packedFloats(4, [1, -2]).finish())).toBe('22080000803f000000c0');
    expect(hex(new ProtoWriter().packedInts(4, [3, 270, 86942]).finish())).toBe('2206038e029ea705');
  });

  it('refuses a negative or unsafe integer instead of writing a wrong one', () => {
    expect(() => new ProtoWriter().int(1, -1)).toThrow('varint out of range');
    expect(() => new ProtoWriter().int(1, 2 ** 60)).toThrow('varint out of range');
  });
});
