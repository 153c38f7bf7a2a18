import type { MemoryResult } from '../../../lib/demos/memory/memory-logic';
import { DTYPE_BYTES, type MemoryParams } from '../../../lib/demos/memory/memory-schema';
import { escapeHtml } from '../shared/html';
import { count, mb, OPT_LABELS, PART_COLORS, PART_LABELS, PARTS, type Part } from './memory-format';

const ARCH_LABELS = { resnet18: 'ResNet-18', resnet34: 'ResNet-34', resnet50: 'ResNet-50', resnet101: 'ResNet-101', resnet152: 'ResNet-152' } as const;

export function archLabel(arch: MemoryParams['arch']): string {
  return ARCH_LABELS[arch];
}

function howCounted(part: Part, s: MemoryParams, r: MemoryResult): string {
  const bytes = `${DTYPE_BYTES[s.dtype]} bytes`;
  switch (part) {
    case 'weights':
      return `${count(r.params)} parameters × ${bytes}`;
    case 'grads':
      return 'one gradient per parameter';
    case 'optimizer':
      return s.opt === 'sgd' ? 'plain SGD keeps nothing between steps' : s.opt === 'momentum' ? 'one velocity per parameter' : 'two moment estimates per parameter';
    case 'activations':
      return `${count(r.perImage)} numbers per image × ${s.batch} × ${bytes}`;
  }
}

/** A colour key for the charts, as text (screen readers and print get it too). */
export function legend(parts: readonly { name: string; color: string }[]): string {
  return `<ul class="mem-legend">${parts.map((p) => `<li><span class="mem-swatch" style="background:${p.color}" aria-hidden="true"></span>${escapeHtml(p.name)}</li>`).join('')}</ul>`;
}

export function partsLegend(): string {
  return legend(PARTS.map((p) => ({ name: PART_LABELS[p], color: PART_COLORS[p] })));
}

export function batchLegend(): string {
  return legend([
    { name: 'weights + gradients + optimizer state', color: PART_COLORS.weights },
    { name: PART_LABELS.activations, color: PART_COLORS.activations },
    { name: 'total', color: 'currentColor' },
  ]);
}

/** The totals, one row per part, with how each was counted. */
export function renderSummary(s: MemoryParams, r: MemoryResult | null): string {
  const title = `${archLabel(s.arch)}, ${s.classes} classes, ${s.input}×${s.input} input, batch ${s.batch}, ${OPT_LABELS[s.opt]}, ${s.dtype}`;
  if (!r) return `<p class="mem-pending">${escapeHtml(title)}: not computed for this state yet; press Run.</p>`;
  const rows = PARTS.map(
    (p) =>
      `<tr><th scope="row"><span class="mem-swatch" style="background:${PART_COLORS[p]}" aria-hidden="true"></span>${escapeHtml(PART_LABELS[p])}</th><td>${escapeHtml(howCounted(p, s, r))}</td><td class="num" data-part="${p}">${mb(r.bytes[p])}</td></tr>`,
  ).join('');
  return (
    `<table class="mem-summary"><caption>${escapeHtml(title)} (1 MB = 2²⁰ bytes)</caption>` +
    `<thead><tr><th scope="col">Part</th><th scope="col">Counted as</th><th scope="col">MB</th></tr></thead>` +
    `<tbody>${rows}<tr class="mem-total"><th scope="row">total</th><td>what the tensors themselves need</td><td class="num" data-part="total">${mb(r.bytes.total)}</td></tr></tbody></table>` +
    `<p class="mem-note">Read from the ONNX graph of ${count(r.graph.nodes)} nodes built for this state: parameters from the declared dims of its weight inputs, activations from the inferred shapes of the ${count(r.graph.keptTensors)} tensors a backward pass reads. onnxruntime ran the stem and the first blocks of stages 1 and 2 and returned the same shapes for all ${r.checked} of their tensors. Not counted: ${count(r.buffers)} batch-norm running statistics, the CUDA context and the allocator's cache.</p>`
  );
}

/** Every block: its output for one image, its parameters and the activations it keeps for the batch. */
export function renderBlocks(r: MemoryResult | null): string {
  if (!r) return '';
  const rows = r.layers
    .map((l) => `<tr><th scope="row"><code>${escapeHtml(l.name)}</code></th><td>${l.shape.join(' × ')}</td><td class="num">${count(l.params)}</td><td class="num">${mb(l.activations)}</td></tr>`)
    .join('');
  return (
    `<details class="mem-blocks"><summary>Block by block (${r.layers.length} rows)</summary><div class="mem-blocks-wrap" tabindex="0" role="region" aria-label="Parameters and kept activations of each block">` +
    `<table><thead><tr><th scope="col">Block</th><th scope="col">Output (C × H × W)</th><th scope="col">Parameters</th><th scope="col">Activations kept, MB</th></tr></thead><tbody>${rows}</tbody></table></div></details>`
  );
}
