import type { FullState } from '../../../lib/demos/common/demo-schema';
import type { ConvCount, InceptionResult, ModuleCount } from '../../../lib/demos/inception/inception-logic';
import { moduleConvs, type ModuleKind } from '../../../lib/demos/inception/inception-model';
import type { InceptionParams } from '../../../lib/demos/inception/inception-schema';
import { escapeHtml } from '../shared/html';

/** 1 115 684 864: thin spaces group the digits without suggesting a decimal point. */
export const group = (n: number) => n.toLocaleString('en').replace(/,/g, '\u202f');
const times = (x: number) => `${x.toFixed(2)}×`;
const ms = (x: number | null) => (x === null ? '—' : x < 10 ? x.toFixed(2) : x.toFixed(1));

const LABELS: Record<ModuleKind, string> = { naive: 'Naive', bottleneck: '1×1 bottlenecks' };

const ROWS: { key: keyof Pick<ModuleCount, 'params' | 'mults' | 'adds' | 'activations' | 'padMults'>; label: string }[] = [
  { key: 'params', label: 'Trainable parameters' },
  { key: 'mults', label: 'Multiplications' },
  { key: 'adds', label: 'Additions' },
  { key: 'activations', label: 'Activation evaluations' },
  { key: 'padMults', label: '… of the multiplications, by padded zeros' },
];

function convLabel(c: Pick<ConvCount, 'k' | 'cin' | 'cout' | 'name'>): string {
  const what = c.name.endsWith('reduce') ? ' (reduce)' : c.name.endsWith('proj') ? ' (after the pool)' : '';
  return `${c.k}×${c.k}, ${c.cin} → ${c.cout}${what}`;
}

function summaryTable(r: InceptionResult | null): string {
  const cell = (v: string) => `<td>${escapeHtml(v)}</td>`;
  const body = ROWS.map(({ key, label }) => {
    const vals = r ? [group(r.naive[key]), group(r.bottleneck[key]), key === 'padMults' ? '' : times(r.ratio[key as keyof InceptionResult['ratio']] as number)] : ['·', '·', '·'];
    return `<tr><th scope="row">${escapeHtml(label)}</th>${vals.map(cell).join('')}</tr>`;
  }).join('');
  const timed = r
    ? `<tr class="inception-time"><th scope="row">Measured time of one run (median, ms)</th>${cell(ms(r.naive.ms))}${cell(ms(r.bottleneck.ms))}${cell(r.ratio.ms === null ? '—' : times(r.ratio.ms))}</tr>`
    : `<tr class="inception-time"><th scope="row">Measured time of one run (median, ms)</th>${cell('·')}${cell('·')}${cell('·')}</tr>`;
  return (
    `<div class="inception-table-wrap" tabindex="0" role="region" aria-label="Counts of the two modules and their ratio"><table class="inception-table" data-role="summary">` +
    `<thead><tr><th scope="col">One forward pass</th><th scope="col">${LABELS.naive}</th><th scope="col">${LABELS.bottleneck}</th><th scope="col">naive ÷ bottleneck</th></tr></thead>` +
    `<tbody>${body}${timed}</tbody></table></div>`
  );
}

function layerTable(kind: ModuleKind, s: InceptionParams, m: ModuleCount | null): string {
  const convs = m?.layers ?? moduleConvs(kind, s).map((c) => ({ ...c, shape: [], params: 0, mults: 0, adds: 0, activations: 0, padMults: 0 }));
  const body = convs
    .map((c) => {
      const vals = m ? [group(c.params), group(c.mults), group(c.adds), group(c.activations)] : ['·', '·', '·', '·'];
      return `<tr><th scope="row">${escapeHtml(convLabel(c))}</th>${vals.map((v) => `<td>${v}</td>`).join('')}</tr>`;
    })
    .join('');
  const out = m ? `${m.output.join(' × ')}` : '·';
  return (
    `<details class="inception-layers"><summary>${LABELS[kind]} module, convolution by convolution (output ${escapeHtml(out)})</summary>` +
    `<div class="inception-table-wrap" tabindex="0" role="region" aria-label="${LABELS[kind]} module by convolution"><table class="inception-table"><thead><tr><th scope="col">Convolution</th><th scope="col">Parameters</th><th scope="col">Multiplications</th><th scope="col">Additions</th><th scope="col">Activations</th></tr></thead><tbody>${body}</tbody></table></div></details>`
  );
}

/**
 * Counts of both modules side by side with their ratio and the measured times, then each
 * module's convolutions. Before a state is computed the cells show dots.
 */
export function renderInceptionView(s: FullState<InceptionParams>, r: InceptionResult | null): string {
  const [h, w, c] = s.input;
  const caption = `Input ${h} × ${w} × ${c}. Every convolution has stride 1, padding ⌊K/2⌋, a bias and a ReLU; the max pool is 3 × 3, stride 1, padding 1. Counts are read from each module's ONNX graph; multiplications and additions include the work on zero padding.`;
  const note = r?.note ? `<p class="inception-note">${escapeHtml(r.note)}.</p>` : '';
  const compare =
    r && r.ratio.ms !== null
      ? `<p class="inception-compare" data-role="compare">The counts say the naive module does ${times(r.ratio.mults)} the arithmetic; it took ${times(r.ratio.ms)} the time here.</p>`
      : '';
  return `<p class="inception-caption">${escapeHtml(caption)}</p>${summaryTable(r)}${compare}${note}${layerTable('naive', s, r?.naive ?? null)}${layerTable('bottleneck', s, r?.bottleneck ?? null)}`;
}
