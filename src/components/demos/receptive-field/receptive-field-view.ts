import type { FullState } from '../../../lib/demos/common/demo-schema';
import type { ReceptiveFieldResult } from '../../../lib/demos/receptive-field/receptive-field-logic';
import type { ReceptiveFieldParams } from '../../../lib/demos/receptive-field/receptive-field-schema';
import { footprint, INPUT_SIZE, VGG_LAYERS } from '../../../lib/demos/receptive-field/vgg-blocks';

/** Pixels of context drawn around the region in the zoomed view. */
const MARGIN = 3;
const CELL = 14;

const range = ([a, b]: readonly [number, number]) => (a === b ? `${a}` : `${a}…${b}`);

function edges(r: ReceptiveFieldResult): string {
  const cut = [
    r.rows[0] === 0 ? 'top' : '',
    r.rows[1] === INPUT_SIZE - 1 ? 'bottom' : '',
    r.cols[0] === 0 ? 'left' : '',
    r.cols[1] === INPUT_SIZE - 1 ? 'right' : '',
  ].filter(Boolean);
  return cut.length ? ` It reaches the ${cut.join(' and ')} edge of the image, where zero padding cuts it off.` : '';
}

function statement(s: ReceptiveFieldParams, r: ReceptiveFieldResult | null): string {
  const neuron = `${s.layer}[${s.k}, ${s.i}, ${s.j}]`;
  if (!r) return `<p class="rf-statement">${neuron}: not computed for this state yet: press Run.</p>`;
  const h = r.rows[1] - r.rows[0] + 1;
  const w = r.cols[1] - r.cols[0] + 1;
  return `<p class="rf-statement" aria-live="polite"><strong>${neuron}</strong> depends on X[c, m, n] for c ∈ {${r.channels.join(', ')}}, rows m = ${range(r.rows)} and columns n = ${range(r.cols)}: ${h} × ${w} pixels in each of the ${r.channels.length} channels (${h * w * r.channels.length} input values).${edges(r)}</p>`;
}

/** The whole 224 × 224 input, the region filled, the neuron's own position outlined. */
function overview(s: ReceptiveFieldParams, r: ReceptiveFieldResult | null): string {
  const f = footprint(s.layer, s.i, s.j);
  const region = r
    ? `<rect class="rf-region" x="${r.cols[0]}" y="${r.rows[0]}" width="${r.cols[1] - r.cols[0] + 1}" height="${r.rows[1] - r.rows[0] + 1}"/>`
    : '';
  const spot = `<rect class="rf-footprint" x="${f.cols[0]}" y="${f.rows[0]}" width="${f.cols[1] - f.cols[0] + 1}" height="${f.rows[1] - f.rows[0] + 1}"/>`;
  const label = r ? `rows ${range(r.rows)}, columns ${range(r.cols)} highlighted` : 'region not computed yet';
  return `<figure class="rf-figure"><svg class="rf-overview" data-role="overview" viewBox="-1 -1 ${INPUT_SIZE + 2} ${INPUT_SIZE + 2}" width="226" height="226" role="img" aria-label="The 224 × 224 input; ${label}"><rect class="rf-image" x="0" y="0" width="${INPUT_SIZE}" height="${INPUT_SIZE}"/>${region}${spot}</svg><figcaption>Input X, 224 × 224 (each of 3 channels). Click to pick the neuron over a pixel.</figcaption></figure>`;
}

/** The region pixel by pixel, shaded by how many paths join each pixel to the neuron. */
function zoom(s: ReceptiveFieldParams, r: ReceptiveFieldResult): string {
  const f = footprint(s.layer, s.i, s.j);
  const m0 = Math.max(0, r.rows[0] - MARGIN);
  const m1 = Math.min(INPUT_SIZE - 1, r.rows[1] + MARGIN);
  const n0 = Math.max(0, r.cols[0] - MARGIN);
  const n1 = Math.min(INPUT_SIZE - 1, r.cols[1] + MARGIN);
  const max = Math.max(...r.paths.flat());
  const cells: string[] = [];
  for (let m = m0; m <= m1; m++) {
    for (let n = n0; n <= n1; n++) {
      const inside = m >= r.rows[0] && m <= r.rows[1] && n >= r.cols[0] && n <= r.cols[1];
      const paths = inside ? r.paths[m - r.rows[0]]![n - r.cols[0]]! : 0;
      const opacity = inside ? (0.25 + 0.75 * (paths / max)).toFixed(3) : '1';
      cells.push(`<rect class="${inside ? 'rf-cell in-region' : 'rf-cell'}" x="${(n - n0) * CELL}" y="${(m - m0) * CELL}" width="${CELL}" height="${CELL}"${inside ? ` fill-opacity="${opacity}"` : ''}><title>X[·, ${m}, ${n}]${inside ? `: ${paths} path${paths === 1 ? '' : 's'}` : ': not in the field'}</title></rect>`);
    }
  }
  const W = (n1 - n0 + 1) * CELL;
  const H = (m1 - m0 + 1) * CELL;
  const fx = Math.max(f.cols[0], n0);
  const fy = Math.max(f.rows[0], m0);
  const spot = `<rect class="rf-footprint" x="${(fx - n0) * CELL}" y="${(fy - m0) * CELL}" width="${(Math.min(f.cols[1], n1) - fx + 1) * CELL}" height="${(Math.min(f.rows[1], m1) - fy + 1) * CELL}"/>`;
  const pad = 34;
  const ticks = [
    `<text class="rf-tick" x="${pad + (r.cols[0] - n0) * CELL + CELL / 2}" y="12" text-anchor="middle">${r.cols[0]}</text>`,
    `<text class="rf-tick" x="${pad + (r.cols[1] - n0) * CELL + CELL / 2}" y="12" text-anchor="middle">${r.cols[1]}</text>`,
    `<text class="rf-tick" x="${pad - 4}" y="${18 + (r.rows[0] - m0) * CELL + CELL / 2 + 4}" text-anchor="end">${r.rows[0]}</text>`,
    `<text class="rf-tick" x="${pad - 4}" y="${18 + (r.rows[1] - m0) * CELL + CELL / 2 + 4}" text-anchor="end">${r.rows[1]}</text>`,
  ].join('');
  return `<figure class="rf-figure"><svg class="rf-zoom" viewBox="0 0 ${W + pad + 2} ${H + 20}" width="${W + pad + 2}" height="${H + 20}" role="img" aria-label="Zoom on rows ${m0} to ${m1}, columns ${n0} to ${n1}: the field is rows ${range(r.rows)}, columns ${range(r.cols)}">${ticks}<g transform="translate(${pad} 18)">${cells.join('')}${spot}</g></svg><figcaption>Zoom: the stronger the colour, the more paths lead from that pixel to the neuron. The outlined square is the neuron's own position on the input grid (rows ${range(f.rows)}, columns ${range(f.cols)}).</figcaption></figure>`;
}

export function renderReceptiveFieldView(s: FullState<ReceptiveFieldParams>, r: ReceptiveFieldResult | null): string {
  const l = VGG_LAYERS[s.layer];
  const shape = `<p class="demo-help rf-shape">${s.layer} has ${l.channels} channels of ${l.size} × ${l.size}; k, i and j count from 0.</p>`;
  return `${statement(s, r)}<div class="rf-figures">${overview(s, r)}${r ? zoom(s, r) : ''}</div>${shape}`;
}
