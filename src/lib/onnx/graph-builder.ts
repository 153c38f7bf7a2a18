import type { onnx as P } from 'onnx-proto';
import { onnx } from './onnx-proto';

/** A dimension: a fixed size, or a name for a size chosen at run time. */
export type Dim = number | string;

export type AttributeValue = number | number[] | string;

/** Opset the models target: every op used here exists in it unchanged, and ORT 1.30 runs it. */
export const OPSET = 17;
const IR_VERSION = 8;

function valueInfo(name: string, dims: readonly Dim[]): P.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

function attribute(name: string, value: AttributeValue): P.IAttributeProto {
  const T = onnx.AttributeProto.AttributeType;
  if (typeof value === 'string') return { name, type: T.STRING, s: new TextEncoder().encode(value) };
  if (Array.isArray(value)) {
    if (!value.every(Number.isInteger)) throw new Error(`attribute ${name}: only integer lists are supported`);
    return { name, type: T.INTS, ints: value };
  }
  return Number.isInteger(value) ? { name, type: T.INT, i: value } : { name, type: T.FLOAT, f: value };
}

/**
 * Builds a float32 ONNX graph node by node and encodes it. The bytes depend only on the calls
 * made, so a model written by `npm run models` can be compared with a fresh build.
 */
export class GraphBuilder {
  private readonly nodes: P.INodeProto[] = [];
  private readonly inputs: P.IValueInfoProto[] = [];
  private readonly outputs: P.IValueInfoProto[] = [];
  private readonly initializers: P.ITensorProto[] = [];
  private counter = 0;

  constructor(private readonly name: string) {}

  input(name: string, dims: readonly Dim[]): string {
    this.inputs.push(valueInfo(name, dims));
    return name;
  }

  output(name: string, dims: readonly Dim[]): string {
    this.outputs.push(valueInfo(name, dims));
    return name;
  }

  constant(name: string, dims: readonly number[], values: ArrayLike<number>): string {
    const size = dims.reduce((a, b) => a * b, 1);
    if (values.length !== size) throw new Error(`constant ${name}: ${values.length} values for shape [${dims}]`);
    this.initializers.push({ name, dims: [...dims], dataType: onnx.TensorProto.DataType.FLOAT, floatData: Array.from(values) });
    return name;
  }

  /** An int64 constant (shapes, axes, indices), for ops that take them as inputs. */
  constantInt64(name: string, dims: readonly number[], values: readonly number[]): string {
    this.initializers.push({ name, dims: [...dims], dataType: onnx.TensorProto.DataType.INT64, int64Data: [...values] });
    return name;
  }

  /** A fresh name with a readable prefix, for intermediate tensors. */
  fresh(prefix: string): string {
    return `${prefix}_${this.counter++}`;
  }

  /** Adds a node; returns its output names (fresh names unless given). */
  node(opType: string, inputs: string[], attributes: Record<string, AttributeValue> = {}, outputs?: string[]): string[] {
    const outs = outputs ?? [`${opType.toLowerCase()}_${this.counter}`];
    this.nodes.push({
      name: `${opType}_${this.counter++}`,
      opType,
      input: inputs,
      output: outs,
      attribute: Object.entries(attributes).map(([k, v]) => attribute(k, v)),
    });
    return outs;
  }

  toModel(): P.IModelProto {
    return {
      irVersion: IR_VERSION,
      producerName: 'deep-learning-worked',
      opsetImport: [{ domain: '', version: OPSET }],
      graph: { name: this.name, node: this.nodes, input: this.inputs, output: this.outputs, initializer: this.initializers },
    };
  }

  toBytes(): Uint8Array {
    return onnx.ModelProto.encode(onnx.ModelProto.create(this.toModel())).finish();
  }
}
