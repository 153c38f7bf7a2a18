import type { ModelSpec } from '../onnx/model-spec';
import { callPlan } from './common/demo-logic';
import { parseDemoProps } from './common/demo-schema';
import { demos } from './registry';

/**
 * States whose models are published as files under public/models: each demo's default, and the
 * states that solution pages and well-known deep links start in. Other states build their model
 * in the browser with the same code.
 */
const publishedStates: Record<keyof typeof demos, string[]> = {
  conv1d: ['', 'shift=5'],
  conv2d: ['', 'stride=2&pad=1', 'stride=1&pad=1'],
  pooling: ['', 'kind=avg', 'size=2&stride=1', 'kind=avg&size=2&stride=1', 'x=4,1;2,3&dy=5'],
  'conv-gradient': [''],
  dropout: ['', 'batch=1024', 'batch=1024&opt=adam', 'opt=adam&lr=0.01&batch=1024&steps=4000&x=0.1,0.01&y=0.11&eps=1'],
  'dropout-real': [''],
  shapes: [''],
  'receptive-field': ['layer=y1', 'layer=y2', ''],
  edges: [''],
  'mlp-backprop': ['', 'act=tanh', 'act=relu', 'layers=12&width=16'],
  vanishing: ['', 'act=tanh', 'act=relu'],
  momentum: [''],
  memorization: [''],
  memory: [''],
  'batch-size': [''],
  inception: [''],
  lenet: [''],
  batchnorm: ['', 'dims=1'],
  'batchnorm-grad': [''],
  filters: ['', 'kernel=blur3', 'kernel=blur6', 'kernel=blur9', 'kernel=blur9&padding=reflect', 'kernel=laplacian', 'kernel=sobel-x', 'kernel=sobel&padding=reflect'],
};

/** Every model a demo's state runs (a training job: one graph per distinct steps-per-call). */
export function modelSpecsOf(name: keyof typeof demos, query: string): ModelSpec[] {
  const logic = demos[name];
  return logic.plan(parseDemoProps(logic.schema, query, `published state of ${name}`)).flatMap((job) => (job.kind === 'train' ? [...new Set(callPlan(job))].map((steps) => job.spec(steps)) : [job.spec]));
}

/** The published models: of every demo, or of the states listed for one. */
export function publishedModels(only?: keyof typeof demos): ModelSpec[] {
  const byKey = new Map<string, ModelSpec>();
  for (const [name, queries] of Object.entries(publishedStates) as [keyof typeof demos, string[]][]) {
    if (only && name !== only) continue;
    for (const q of queries) for (const spec of modelSpecsOf(name, q)) byKey.set(spec.key, spec);
  }
  return [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
}

const keysByDemo = new Map<string, string[]>();

/**
 * The keys of the models published for one demo's listed states, which its element fetches as
 * files instead of building them (any other state builds its own; a model another demo publishes
 * is then built too, which costs time, not correctness). One demo's list, not the site's: every
 * instance carries it, and a write-up with ten instances carried the site's 60 keys ten times.
 */
export function publishedModelKeys(demo: keyof typeof demos): string[] {
  let keys = keysByDemo.get(demo);
  if (!keys) keysByDemo.set(demo, (keys = publishedModels(demo).map((m) => m.key)));
  return keys;
}
