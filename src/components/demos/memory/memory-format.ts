/** 1 MB here is 2²⁰ bytes, the unit PyTorch's memory figures are usually printed in (bytes / 1024²). */
export const MB = 2 ** 20;

const group = (text: string) => text.replace(/,/g, '\u202f');

/** "1 341.4": megabytes to one decimal, thousands set apart by thin spaces. */
export function mb(bytes: number): string {
  return group((bytes / MB).toLocaleString('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 }));
}

/** "58 164 298". */
export function count(n: number): string {
  return group(n.toLocaleString('en'));
}

export const PARTS = ['weights', 'grads', 'optimizer', 'activations'] as const;
export type Part = (typeof PARTS)[number];

export const PART_LABELS: Record<Part, string> = {
  weights: 'weights',
  grads: 'gradients',
  optimizer: 'optimizer state',
  activations: 'activations kept for backward',
};

/** Series colours, set per theme in memory.css. */
export const PART_COLORS: Record<Part, string> = {
  weights: 'var(--mem-weights, #2556c4)',
  grads: 'var(--mem-grads, #7c3aed)',
  optimizer: 'var(--mem-optimizer, #c2410c)',
  activations: 'var(--mem-activations, #15803d)',
};

export const OPT_LABELS = { sgd: 'SGD', momentum: 'SGD + momentum', adam: 'Adam' } as const;
