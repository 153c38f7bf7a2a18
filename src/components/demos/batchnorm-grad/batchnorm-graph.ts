import { escapeHtml } from '../shared/html';

/**
 * The computational graph of training-mode batch norm as an SVG: inputs X, γ, β (boxes),
 * intermediates μ, σ², Z and the output Y (circles), one arrow per dependence. μ → σ² is drawn
 * because σ² is computed from X − μ; its contribution to the backward pass is zero (see the page).
 */
interface GraphNode {
  id: string;
  label: string;
  note: string;
  x: number;
  y: number;
  input?: boolean;
  /** Where the note sits under the node, so that no edge runs through it. */
  anchor?: 'start' | 'middle' | 'end';
  dx?: number;
}

const NODES: GraphNode[] = [
  { id: 'X', label: 'X', note: 'batch, m × d', x: 80, y: 130, input: true, anchor: 'end', dx: 12 },
  { id: 'mu', label: 'μ', note: 'column means', x: 195, y: 48 },
  { id: 'var', label: 'σ²', note: 'column variances', x: 315, y: 130 },
  { id: 'Z', label: 'Z', note: '(X − μ)/√(σ² + ε)', x: 430, y: 130, anchor: 'start', dx: -12 },
  { id: 'gamma', label: 'γ', note: 'scale', x: 498, y: 40, input: true },
  { id: 'beta', label: 'β', note: 'shift', x: 620, y: 40, input: true },
  { id: 'Y', label: 'Y', note: 'γ ⊙ Z + β', x: 560, y: 130, anchor: 'start', dx: -10 },
];

/** Edges in the order the text lists them; `bend` curves an edge below the others. */
export const GRAPH_EDGES: [string, string, number?][] = [
  ['X', 'mu'],
  ['X', 'var'],
  ['mu', 'var'],
  ['X', 'Z', 150],
  ['mu', 'Z'],
  ['var', 'Z'],
  ['Z', 'Y'],
  ['gamma', 'Y'],
  ['beta', 'Y'],
];

const R = 22;
const byId = new Map(NODES.map((n) => [n.id, n]));
const label = (id: string) => byId.get(id)!.label;

/** "X → μ, X → σ², …": the graph as text, for the caption and the image's name. */
export function graphEdgesText(): string {
  return GRAPH_EDGES.map(([a, b]) => `${label(a)} → ${label(b)}`).join(', ');
}

const f = (v: number) => v.toFixed(1);

function edge(a: GraphNode, b: GraphNode, bend = 0): string {
  // A straight edge, or a quadratic curve whose control point is `bend` below the midpoint (its
  // lowest point half as far).
  const cx = (a.x + b.x) / 2;
  const cy = (a.y + b.y) / 2 + bend;
  const from = bend ? [cx - a.x, cy - a.y] : [b.x - a.x, b.y - a.y];
  const to = bend ? [b.x - cx, b.y - cy] : [b.x - a.x, b.y - a.y];
  const unit = (v: number[]) => {
    const l = Math.hypot(v[0]!, v[1]!) || 1;
    return [v[0]! / l, v[1]! / l];
  };
  const [ux, uy] = unit(from);
  const [vx, vy] = unit(to);
  const sx = a.x + ux! * (R + 2);
  const sy = a.y + uy! * (R + 2);
  const hx = b.x - vx! * (R + 3);
  const hy = b.y - vy! * (R + 3);
  const head = 9;
  const bx = hx - vx! * head;
  const by = hy - vy! * head;
  const wing = 4.5;
  const path = bend ? `M${f(sx)},${f(sy)} Q${f(cx)},${f(cy)} ${f(bx)},${f(by)}` : `M${f(sx)},${f(sy)} L${f(bx)},${f(by)}`;
  return (
    `<path class="bng-edge" d="${path}" />` +
    `<polygon class="bng-head" points="${f(hx)},${f(hy)} ${f(bx - vy! * wing)},${f(by + vx! * wing)} ${f(bx + vy! * wing)},${f(by - vx! * wing)}" />`
  );
}

function node(n: GraphNode): string {
  const shape = n.input
    ? `<rect class="bng-node bng-node--input" x="${n.x - R}" y="${n.y - R}" width="${2 * R}" height="${2 * R}" rx="6" />`
    : `<circle class="bng-node" cx="${n.x}" cy="${n.y}" r="${R}" />`;
  const below = n.y + R + 15;
  const anchor = n.anchor && n.anchor !== 'middle' ? ` style="text-anchor:${n.anchor}"` : '';
  return `${shape}<text class="bng-label" x="${n.x}" y="${n.y}">${escapeHtml(n.label)}</text><text class="bng-note" x="${n.x + (n.dx ?? 0)}" y="${below}"${anchor}>${escapeHtml(n.note)}</text>`;
}

/** The drawing and its caption (the caption says the same as the drawing, in words). */
export function renderGraph(): string {
  const edges = GRAPH_EDGES.map(([a, b, bend]) => edge(byId.get(a)!, byId.get(b)!, bend ?? 0)).join('');
  const name = `Computational graph of training-mode batch norm. Inputs X, γ and β; intermediate nodes μ, σ² and Z; output Y. Edges: ${graphEdgesText()}.`;
  return (
    `<figure class="bng-figure">` +
    `<svg class="bng-svg" viewBox="0 0 660 240" width="660" role="img" aria-label="${escapeHtml(name)}">${edges}${NODES.map(node).join('')}</svg>` +
    `<figcaption>Inputs in boxes (X: the batch, m × d; γ: scale; β: shift), computed nodes in circles (μ: column means; σ²: column variances, 1/m; Z = (X − μ)/√(σ² + ε); Y = γ ⊙ Z + β). Edges: ${escapeHtml(graphEdgesText())}.</figcaption>` +
    `</figure>`
  );
}
