import { describe, expect, it } from 'vitest';
import { addConv } from '../../src/lib/onnx/conv';
import { GraphBuilder } from '../../src/lib/onnx/graph-builder';
import { onnx } from '../../src/lib/onnx/onnx-proto';
import { runInNode } from '../../src/lib/ort/node-runner';

function convGraph() {
  const g = new GraphBuilder('test');
  g.input('x', [1, 1, 'h', 'w']);
  const w = g.constant('w', [2, 1, 2, 2], [1, 0, 0, -1, 0.5, 0.5, 0.5, 0.5]);
  const b = g.constant('b', [2], [10, -10]);
  addConv(g, ['x', w, b], { kernelShape: [2, 2], strides: [1, 2], pads: [0, 1, 0, 1] }, 'y');
  g.output('y', [1, 2, 'oh', 'ow']);
  return g;
}

describe('graph builder', () => {
  it('writes kernel_shape, strides, pads and dilations on every Conv', () => {
    const model = onnx.ModelProto.decode(convGraph().toBytes());
    const conv = model.graph!.node!.find((n) => n.opType === 'Conv')!;
    const attrs = Object.fromEntries(conv.attribute!.map((a) => [a.name, (a.ints ?? []).map(Number)]));
    expect(attrs).toMatchObject({ kernel_shape: [2, 2], strides: [1, 2], pads: [0, 1, 0, 1], dilations: [1, 1] });
    expect(Number(model.opsetImport![0]!.version)).toBe(17);
  });

  it('is deterministic: the same calls give the same bytes', () => {
    expect(Buffer.from(convGraph().toBytes()).equals(Buffer.from(convGraph().toBytes()))).toBe(true);
  });

  it('builds a model onnxruntime runs with the expected numbers', async () => {
    const spec = { key: 'test-conv', build: () => convGraph().toBytes() };
    const x = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const { y } = await runInNode(spec, { x: { data: x, dims: [1, 1, 3, 3] } });
    // Padded columns: [0 1 2 3 0], [0 4 5 6 0], [0 7 8 9 0]; stride 2 across gives columns 0 and 2.
    const at = (r: number, c: number) => (c >= 1 && c <= 3 ? x[r * 3 + c - 1]! : 0);
    const expected: number[] = [];
    for (const [k, bias] of [
      [[1, 0, 0, -1], 10],
      [[0.5, 0.5, 0.5, 0.5], -10],
    ] as const) {
      for (let r = 0; r < 2; r++) for (const c of [0, 2]) expected.push(bias + k[0] * at(r, c) + k[1] * at(r, c + 1) + k[2] * at(r + 1, c) + k[3] * at(r + 1, c + 1));
    }
    expect(y!.dims).toEqual([1, 2, 2, 2]);
    expect(Array.from(y!.data)).toEqual(expected);
  });

  it('rejects a constant whose values do not fill its shape', () => {
    expect(() => new GraphBuilder('bad').constant('c', [2, 2], [1, 2, 3])).toThrow(/3 values for shape \[2,2\]/);
  });
});
