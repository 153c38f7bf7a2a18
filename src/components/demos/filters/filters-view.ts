import type { FullState } from '../../../lib/demos/common/demo-schema';
import type { Matrix } from '../../../lib/demos/common/matrix-text';
import { legendGradient, type DisplayScale } from '../../../lib/demos/filters/filters-colour';
import { appliedKernels, type FiltersResult } from '../../../lib/demos/filters/filters-logic';
import { kernelPads } from '../../../lib/demos/filters/filters-padding';
import type { FiltersParams } from '../../../lib/demos/filters/filters-schema';
import { escapeHtml, formatValue, matrixTable } from '../shared/html';

/** The two pictures as markup (build time: PNG data URLs; live: canvases), and the output's scale. */
export interface FiltersPictures {
  grey: string;
  output: string;
  scale: DisplayScale;
}

const fmt = (v: number, digits = 4) => formatValue(Number(v.toPrecision(digits)));

/** 1/81 for a box kernel, so a 9×9 table of ones stays narrow instead of 81 copies of 0.0123457. */
function commonFactor(k: Matrix): string | null {
  const first = k[0]![0]!;
  if (first === 0 || !k.every((row) => row.every((v) => v === first)) || (k.length === 1 && k[0]!.length === 1)) return null;
  const inverse = 1 / first;
  return Math.abs(inverse - Math.round(inverse)) < 1e-9 && Math.round(inverse) > 1 ? `1/${Math.round(inverse)}` : null;
}

function kernelMarkup(k: Matrix, caption: string): string {
  const factor = commonFactor(k);
  const shown = factor ? k.map((row) => row.map(() => 1)) : k;
  const table = matrixTable(shown, { caption, role: 'kernel' });
  // Wide kernels (a 9×9 average) get small cells so the three panels still fit side by side.
  const big = k.length > 5 || k[0]!.length > 5;
  return `<div class="filters-kernel-box${big ? ' is-big' : ''}">${factor ? `<span class="filters-factor">${factor} ×</span>` : ''}${table}</div>`;
}

function legend(scale: DisplayScale): string {
  const lo = scale.kind === 'diverging' ? `−${fmt(scale.hi, 3)}` : '0';
  const mid = scale.kind === 'diverging' ? '<span>0</span>' : '';
  const hi = fmt(scale.hi, 3);
  const clip = scale.clipped ? `<span class="filters-legend-note">beyond ${scale.kind === 'diverging' ? `±${hi}` : hi}: drawn at full strength</span>` : '';
  return `<div class="filters-legend" data-role="legend"><span class="filters-legend-bar" style="background:${legendGradient(scale.kind)}" aria-hidden="true"></span><span class="filters-legend-ticks"><span>${lo}</span>${mid}<span>${hi}</span></span>${clip}</div>`;
}

function padsText(pads: [number, number, number, number], padding: FiltersParams['padding']): string {
  const [t, l, b, r] = pads;
  const how = padding === 'zeros' ? 'zeros' : 'a mirror image (reflect)';
  if (t + l + b + r === 0) return 'No padding is needed for a 1×1 kernel.';
  return `Padded with ${how}: ${t} row${t === 1 ? '' : 's'} on top, ${b} below, ${l} column${l === 1 ? '' : 's'} on the left, ${r} on the right, so the output keeps the image's size.`;
}

/**
 * The grey input, the kernel as applied and the output side by side, with the output's colour
 * scale and statistics. Without a result the kernel and padding are still shown: they follow
 * from the state alone.
 */
export function renderFiltersView(s: FullState<FiltersParams>, result: FiltersResult | null, pictures: FiltersPictures | null, sourceLabel: string): string {
  const kernels = appliedKernels(s);
  const pads = result?.pads ?? kernelPads(kernels[0]!.length, kernels[0]![0]!.length);
  const how = s.mode === 'conv' ? 'Flipped: convolution.' : 'As written: cross-correlation.';
  const kernelHtml =
    kernels.length === 2
      ? `${kernelMarkup(kernels[0]!, 'gx kernel')}${kernelMarkup(kernels[1]!, 'gy kernel')}<p class="filters-note">${how}<br />Output √(gx² + gy²).</p>`
      : `${kernelMarkup(kernels[0]!, 'Kernel')}<p class="filters-note">${how}</p>`;
  const size = result ? `${result.input.width}×${result.input.height}` : '';
  const waiting = '<p class="filters-waiting">Not computed for this state yet: press Run.</p>';
  const stats = result
    ? `<p class="filters-stats" data-role="stats">Output: min <strong>${fmt(result.output.min)}</strong>, max <strong>${fmt(result.output.max)}</strong>, mean <strong>${fmt(result.output.mean)}</strong> (input mean ${fmt(result.input.mean)}). ${padsText(pads, s.padding)}</p>`
    : `<p class="filters-stats" data-role="stats">${padsText(pads, s.padding)}</p>`;
  return `<div class="filters-grid">
<figure class="filters-panel"><div class="filters-picture">${pictures?.grey ?? waiting}</div><figcaption>Grey input${size ? `, ${size} pixels` : ''}</figcaption></figure>
<div class="filters-panel filters-kernels">${kernelHtml}</div>
<figure class="filters-panel"><div class="filters-picture">${pictures?.output ?? waiting}</div><figcaption>Output${size ? `, ${size}` : ''}${pictures ? legend(pictures.scale) : ''}</figcaption></figure>
</div>
<p class="filters-source" data-role="source">${escapeHtml(sourceLabel)}</p>
${stats}`;
}
