/**
 * ONNX's messages (onnx/onnx.proto, IR version 8, default-domain opset 17), only the fields the export
 * writes, with their field numbers from the schema.
 */
import { float32Bytes, MessageWriter, type Encoded } from './protobuf.ts';

export const IR_VERSION = 8;
export const OPSET_VERSION = 17;

/** TensorProto.DataType */
const FLOAT = 1;

export type AttributeValue = number | readonly number[] | string;

export interface OnnxNode {
  op: string;
  inputs: readonly string[];
  outputs: readonly string[];
  name: string;
  /** Integers and integer lists (INT / INTS); `floats` holds FLOAT attributes. */
  attributes?: Readonly<Record<string, AttributeValue>>;
  floats?: Readonly<Record<string, number>>;
}

export interface OnnxInitializer {
  name: string;
  dims: readonly number[];
  data: Float32Array;
}

export interface OnnxValue {
  name: string;
  /** Each dimension a size or a symbolic name. */
  dims: readonly (number | string)[];
}

export interface OnnxGraph {
  name: string;
  doc: string;
  nodes: readonly OnnxNode[];
  initializers: readonly OnnxInitializer[];
  inputs: readonly OnnxValue[];
  outputs: readonly OnnxValue[];
}

/** AttributeProto.AttributeType */
const ATTRIBUTE = { FLOAT: 1, INT: 2, STRING: 3, INTS: 7 } as const;

function attribute(name: string, value: AttributeValue): Encoded {
  const w = new MessageWriter().string(1, name);
  if (typeof value === 'string') return w.string(4, value).int(20, ATTRIBUTE.STRING).finish();
  if (typeof value === 'number') return w.int(3, value).int(20, ATTRIBUTE.INT).finish();
  return w.ints(8, value).int(20, ATTRIBUTE.INTS).finish();
}

function node(n: OnnxNode): Encoded {
  const w = new MessageWriter().strings(1, n.inputs).strings(2, n.outputs).string(3, n.name).string(4, n.op);
  for (const [name, value] of Object.entries(n.attributes ?? {})) w.message(5, attribute(name, value));
  for (const [name, value] of Object.entries(n.floats ?? {})) {
    w.message(5, new MessageWriter().string(1, name).float(2, value).int(20, ATTRIBUTE.FLOAT).finish());
  }
  return w.finish();
}

function tensor(t: OnnxInitializer): Encoded {
  return new MessageWriter().ints(1, t.dims).int(2, FLOAT).string(8, t.name).bytes(9, float32Bytes(t.data)).finish();
}

function valueInfo(v: OnnxValue): Encoded {
  const shape = new MessageWriter();
  for (const d of v.dims) {
    shape.message(
      1,
      typeof d === 'number' ? new MessageWriter().int(1, d).finish() : new MessageWriter().string(2, d).finish(),
    );
  }
  const tensorType = new MessageWriter().int(1, FLOAT).message(2, shape.finish()).finish();
  const type = new MessageWriter().message(1, tensorType).finish();
  return new MessageWriter().string(1, v.name).message(2, type).finish();
}

/** A whole ModelProto; its chunks reference the initializers' arrays. */
export function encodeModel(graph: OnnxGraph, producer: { name: string; version: string }): Encoded {
  const g = new MessageWriter();
  for (const n of graph.nodes) g.message(1, node(n));
  g.string(2, graph.name);
  for (const t of graph.initializers) g.message(5, tensor(t));
  g.string(10, graph.doc);
  for (const v of graph.inputs) g.message(11, valueInfo(v));
  for (const v of graph.outputs) g.message(12, valueInfo(v));
  const opset = new MessageWriter().string(1, '').int(2, OPSET_VERSION).finish();
  return new MessageWriter()
    .int(1, IR_VERSION)
    .string(2, producer.name)
    .string(3, producer.version)
    .message(7, g.finish())
    .message(8, opset)
    .finish();
}
