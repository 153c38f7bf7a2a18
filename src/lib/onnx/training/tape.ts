import type { GraphBuilder } from '../graph-builder';

/**
 * Given the gradient of an op's output, emits the nodes of the gradients of its inputs and
 * returns them as [input name, gradient name] pairs (only for inputs that need one).
 */
export type BackwardRule = (dOut: string) => [string, string][];

/**
 * Records forward ops in order so the backward pass can be emitted in reverse: reverse-mode
 * differentiation done at graph-build time, with every op's rule written by hand.
 */
export class Tape {
  private readonly records: { output: string; rule: BackwardRule }[] = [];
  private readonly pending = new Map<string, string[]>();

  constructor(readonly g: GraphBuilder) {}

  record(output: string, rule: BackwardRule): string {
    this.records.push({ output, rule });
    return output;
  }

  private addGrad(name: string, grad: string): void {
    const list = this.pending.get(name) ?? [];
    list.push(grad);
    this.pending.set(name, list);
  }

  /** The summed gradient reaching `name` (a tensor used twice receives the sum of both uses). */
  private gradOf(name: string): string | undefined {
    const list = this.pending.get(name);
    if (!list?.length) return undefined;
    if (list.length === 1) return list[0];
    const [sum] = this.g.node('Sum', list);
    this.pending.set(name, [sum!]);
    return sum;
  }

  /**
   * Emits the backward pass from a scalar loss and returns the gradient of each requested tensor
   * (parameters usually). A tensor the loss does not depend on gets no entry.
   */
  backward(loss: string, wanted: readonly string[]): Map<string, string> {
    this.addGrad(loss, this.g.constant(this.g.fresh('one'), [], [1]));
    for (const { output, rule } of [...this.records].reverse()) {
      const dOut = this.gradOf(output);
      if (!dOut) continue;
      for (const [input, grad] of rule(dOut)) this.addGrad(input, grad);
    }
    const grads = new Map<string, string>();
    for (const name of wanted) {
      const gr = this.gradOf(name);
      if (gr) grads.set(name, gr);
    }
    return grads;
  }
}
