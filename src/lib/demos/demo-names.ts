// Every demo's URL name, as a plain list: the content schema checks page frontmatter against it
// without loading every demo's code. tests/unit/demo-names.test.ts keeps it equal to the registry.
export const DEMO_NAMES = [
  'conv1d',
  'conv2d',
  'pooling',
  'conv-gradient',
  'dropout',
  'dropout-real',
  'shapes',
  'receptive-field',
  'filters',
  'edges',
  'mlp-backprop',
  'vanishing',
  'momentum',
  'memorization',
  'memory',
  'batch-size',
  'inception',
  'lenet',
  'batchnorm',
  'batchnorm-grad',
] as const;

export type DemoNameLiteral = (typeof DEMO_NAMES)[number];
