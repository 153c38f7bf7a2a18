import type { FullState } from '../../../lib/demos/common/demo-schema';
import { formatLayer } from '../../../lib/demos/shapes/layer-grammar';
import { notRunReason, type ShapesResult, type ShapesRow } from '../../../lib/demos/shapes/shapes-logic';
import type { ShapesParams } from '../../../lib/demos/shapes/shapes-schema';
import { escapeHtml } from '../shared/html';

const group = (n: number) => n.toLocaleString('en').replace(/,/g, '\u202f');

/** "28 × 28 × 10", as the homework writes activation shapes. */
export function shapeText(shape: readonly number[]): string {
  return shape.join(' × ');
}

function rfText(row: ShapesRow, inputSide: number): string {
  if (row.rf === 'whole input') return 'whole input';
  // The recurrence ignores borders; past the input's size the neuron already sees all of it.
  return row.rf > inputSide ? `${row.rf} (more than the input's ${inputSide})` : String(row.rf);
}

function paramsText(row: ShapesRow): string {
  return row.formula === '0' ? '0' : `${row.formula} = ${group(row.params)}`;
}

/**
 * The homework's table, one row per layer: parameters as a computation, the activation shape the
 * model returned, and the receptive field. Before a state is computed only the layer names show.
 */
export function renderShapesView(s: FullState<ShapesParams>, result: ShapesResult | null): string {
  const side = Math.min(s.input[0], s.input[1]);
  const rows: ShapesRow[] =
    result?.rows ?? [{ layer: 'input', params: 0, formula: '0', shape: [...s.input], rf: 1, macs: 0 }, ...s.layers.map((l) => ({ layer: formatLayer(l), params: 0, formula: '', shape: [], rf: 1, macs: 0 }))];
  const body = rows
    .map((r, i) => {
      const cells = result
        ? [paramsText(r), shapeText(r.shape), rfText(r, side), group(r.macs)]
        : i === 0
          ? ['0', shapeText(r.shape), '1', '0']
          : ['·', '·', '·', '·'];
      return `<tr><th scope="row"><code>${escapeHtml(r.layer)}</code></th>${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`;
    })
    .join('');
  const why = result?.shapesFrom === 'graph' ? notRunReason(s) : null;
  const source = why ? ` Not run (${escapeHtml(why)}): the shapes, like the counts, are read from the built graph.` : '';
  const totals = result
    ? `<p class="shapes-totals">${group(result.totals.params)} parameters in all; ${group(result.totals.activations)} activations, input included; ${group(result.totals.macs)} multiply-adds per image.${source}</p>`
    : '<p class="shapes-totals">Not computed for this state yet: press Run.</p>';
  // The caption sits outside the scrolling box so that it wraps on a narrow screen.
  return `<p class="shapes-caption">Layer by layer: parameters (weights + biases), activation shape (H × W × C, ${result?.shapesFrom === 'graph' ? 'from the built graph' : 'as the model returned it'}), receptive field (input pixels along one axis) and multiply-adds for one image.</p><div class="shapes-table-wrap"><table class="shapes-table" aria-label="One row per layer"><thead><tr><th scope="col">Layer</th><th scope="col">Parameters</th><th scope="col">Activations</th><th scope="col">Receptive field</th><th scope="col">Multiply-adds</th></tr></thead><tbody>${body}</tbody></table></div>${totals}`;
}
