import { GraphBuilder } from '../../onnx/graph-builder';
import type { ModelSpec } from '../../onnx/model-spec';

export type MomentumForm = 'heavy-ball' | 'velocity';

/**
 * Names of a form's state: the inputs a call starts from and the outputs that carry them to the
 * next call. Form I needs the previous iterate, Form II the velocity.
 */
export const FORM_STATE: Record<MomentumForm, Record<string, string>> = {
  'heavy-ball': { theta: 'theta__next', theta_prev: 'theta_prev__next' },
  velocity: { theta: 'theta__next', v: 'v__next' },
};

/** Per-step output: θ after each step, [steps, 2]. */
export const PATH = 'path';

/**
 * `steps` iterations of one form on f(θ) = ½ θᵀAθ − bᵀθ, unrolled. θ is a column [2, 1]; the
 * gradient is written out as Aθ − b (the quadratic needs no backward pass), plus this step's
 * slice of `noise` [steps, 2, 1]. α and β are inputs, so one graph serves every setting.
 *
 * Form I (heavy ball): θ^{k+1} = θ^k − α g^k + β (θ^k − θ^{k−1}).
 * Form II (PyTorch):   v^{k+1} = g^k + β v^k,  θ^{k+1} = θ^k − α v^{k+1}.
 * Each is evaluated in the order the formula is written, so the two differ only by rounding.
 */
export function momentumModel(form: MomentumForm, steps: number): ModelSpec {
  return {
    key: `momentum-${form}-k${steps}`,
    build() {
      const g = new GraphBuilder(`momentum-${form}`);
      const A = g.input('A', [2, 2]);
      const b = g.input('b', [2, 1]);
      const alpha = g.input('alpha', [1]);
      const beta = g.input('beta', [1]);
      const noise = g.input('noise', [steps, 2, 1]);
      let theta = g.input('theta', [2, 1]);
      let other = form === 'heavy-ball' ? g.input('theta_prev', [2, 1]) : g.input('v', [2, 1]);
      const one = (op: string, inputs: string[]) => g.node(op, inputs)[0]!;
      const row = g.constantInt64('row_shape', [2], [1, 2]);
      const path: string[] = [];
      for (let k = 0; k < steps; k++) {
        const xi = g.node('Gather', [noise, g.constantInt64(g.fresh('k'), [], [k])], { axis: 0 })[0]!;
        const grad = one('Add', [one('Sub', [one('MatMul', [A, theta]), b]), xi]);
        let next: string;
        if (form === 'heavy-ball') {
          const momentum = one('Mul', [beta, one('Sub', [theta, other])]);
          next = one('Add', [one('Sub', [theta, one('Mul', [alpha, grad])]), momentum]);
          other = theta;
        } else {
          other = one('Add', [grad, one('Mul', [beta, other])]);
          next = one('Sub', [theta, one('Mul', [alpha, other])]);
        }
        theta = next;
        path.push(one('Reshape', [theta, row]));
      }
      const [thetaOut, otherOut] = Object.values(FORM_STATE[form]);
      g.node('Identity', [theta], {}, [thetaOut!]);
      g.node('Identity', [other], {}, [otherOut!]);
      g.output(thetaOut!, [2, 1]);
      g.output(otherOut!, [2, 1]);
      g.node('Concat', path, { axis: 0 }, [PATH]);
      g.output(PATH, [steps, 2]);
      return g.toBytes();
    },
  };
}
