/**
 * The few ONNX messages an exported model uses, with their field numbers from onnx/onnx.proto3
 * (https://github.com/onnx/onnx/blob/main/onnx/onnx.proto3).
 */
import { ProtoWriter } from './protobuf';

/** TensorProto.DataType */
export const FLOAT = 1;
export const INT64 = 7;
export const STRING = 8;
export const DOUBLE = 11;

/** AttributeProto.AttributeType */
const ATTRIBUTE_FLOAT = 1;
const ATTRIBUTE_INT = 2;
const ATTRIBUTE_STRING = 3;
const ATTRIBUTE_FLOATS = 6;
const ATTRIBUTE_INTS = 7;
const ATTRIBUTE_STRINGS = 8;

export type AttributeValue =
  | { readonly float: number }
  | { readonly int: number }
  | { readonly string: string }
  | { readonly floats: ArrayLike<number> }
  | { readonly ints: readonly number[] }
  | { readonly strings: readonly string[] };

export interface OnnxNode {
  readonly opType: string;
  readonly domain?: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes?: Readonly<Record<string, AttributeValue>>;
}

/** A tensor value: its name and dims, `null` for a dimension named by `dimParam` (the batch size). */
export interface ValueInfo {
  readonly name: string;
  readonly elemType: number;
  readonly dims: readonly (number | null)[];
}

export interface Initializer {
  readonly name: string;
  readonly dims: readonly number[];
  readonly values: ArrayLike<number>;
  /** FLOAT or DOUBLE (the default). */
  readonly elemType?: number;
}

export interface OnnxGraph {
  readonly name: string;
  readonly nodes: readonly OnnxNode[];
  readonly initializers: readonly Initializer[];
  readonly inputs: readonly ValueInfo[];
  readonly outputs: readonly ValueInfo[];
}

/** A graph without its input: what each model kind's builder returns. */
export type GraphBody = { nodes: OnnxNode[]; initializers: Initializer[]; outputs: ValueInfo[] };

export interface OnnxModelInfo {
  readonly irVersion: number;
  readonly opsets: readonly { readonly domain: string; readonly version: number }[];
  readonly producerVersion: string;
  readonly docString: string;
  readonly metadata: Readonly<Record<string, string>>;
}

/** The batch dimension's name in every input and output. */
export const BATCH = 'N';

export function encodeModel(info: OnnxModelInfo, graph: OnnxGraph): Uint8Array {
  const model = new ProtoWriter().int(1, info.irVersion).string(2, 'regsweep').string(3, info.producerVersion);
  model.string(6, info.docString).message(7, encodeGraph(graph));
  for (const { domain, version } of info.opsets) model.message(8, new ProtoWriter().string(1, domain).int(2, version));
  for (const [key, value] of Object.entries(info.metadata)) {
    model.message(14, new ProtoWriter().string(1, key).string(2, value));
  }
  return model.finish();
}

function encodeGraph(graph: OnnxGraph): ProtoWriter {
  const writer = new ProtoWriter();
  graph.nodes.forEach((node, k) => writer.message(1, encodeNode(node, `${node.opType}_${k}`)));
  writer.string(2, graph.name);
  for (const tensor of graph.initializers) writer.message(5, encodeTensor(tensor));
  for (const input of graph.inputs) writer.message(11, encodeValueInfo(input));
  for (const output of graph.outputs) writer.message(12, encodeValueInfo(output));
  return writer;
}

function encodeNode(node: OnnxNode, name: string): ProtoWriter {
  const writer = new ProtoWriter();
  for (const input of node.inputs) writer.string(1, input);
  for (const output of node.outputs) writer.string(2, output);
  writer.string(3, name).string(4, node.opType);
  for (const [key, value] of Object.entries(node.attributes ?? {})) writer.message(5, encodeAttribute(key, value));
  if (node.domain) writer.string(7, node.domain);
  return writer;
}

function encodeAttribute(name: string, value: AttributeValue): ProtoWriter {
  const writer = new ProtoWriter().string(1, name);
  if ('float' in value) return writer.float(2, value.float).int(20, ATTRIBUTE_FLOAT);
  if ('int' in value) return writer.int(3, value.int).int(20, ATTRIBUTE_INT);
  if ('string' in value) return writer.string(4, value.string).int(20, ATTRIBUTE_STRING);
  if ('floats' in value) return writer.packedFloats(7, value.floats).int(20, ATTRIBUTE_FLOATS);
  if ('strings' in value) {
    for (const text of value.strings) writer.string(9, text);
    return writer.int(20, ATTRIBUTE_STRINGS);
  }
  return writer.packedInts(8, value.ints).int(20, ATTRIBUTE_INTS);
}

/** A float or double tensor: dims (1), data_type (2), name (8), float_data (4) or double_data (10), packed. */
function encodeTensor(tensor: Initializer): ProtoWriter {
  const elemType = tensor.elemType ?? DOUBLE;
  const writer = new ProtoWriter().packedInts(1, tensor.dims).int(2, elemType).string(8, tensor.name);
  return elemType === FLOAT ? writer.packedFloats(4, tensor.values) : writer.packedDoubles(10, tensor.values);
}

/** ValueInfoProto{name, type: TypeProto{tensor_type: {elem_type, shape: {dim: [{dim_value | dim_param}]}}}}. */
function encodeValueInfo(value: ValueInfo): ProtoWriter {
  const shape = new ProtoWriter();
  for (const dim of value.dims) {
    shape.message(1, dim === null ? new ProtoWriter().string(2, BATCH) : new ProtoWriter().int(1, dim));
  }
  const tensorType = new ProtoWriter().int(1, value.elemType).message(2, shape);
  return new ProtoWriter().string(1, value.name).message(2, new ProtoWriter().message(1, tensorType));
}
