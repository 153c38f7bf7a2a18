import type { ParseOutcome } from '../common/matrix-text';

/**
 * The layer notation of EECS 182 HW3 Problem 3, written in lower case and extended with stride
 * and padding options:
 *
 *   conv<K>-<F>[/s<S>][/p<P>[c]]   K×K convolution, F filters; stride S (default 1), padding P
 *                                  (default ⌊K/2⌋, so conv3-F is the homework's CONV3-F); a
 *                                  trailing `c` pads circularly (wrap-around) instead of with zeros
 *   pool<K>[/s<S>]                 K×K max pooling, stride S (default K)
 *   relu, gap, flatten, fc-<N>     ReLU, global average pool, flatten, fully connected with N outputs
 *   dw<K>[/s<S>][/p<P>]            depthwise K×K convolution: one K×K filter (and bias) per channel,
 *                                  channels unchanged; stride and zero padding as for conv
 *                                  (`dw3,conv1-128` is a depthwise-separable layer)
 */
export type Layer =
  | { kind: 'conv'; k: number; filters: number; stride: number; pad: number; circular: boolean }
  | { kind: 'pool'; k: number; stride: number }
  | { kind: 'relu' }
  | { kind: 'gap' }
  | { kind: 'flatten' }
  | { kind: 'fc'; outputs: number }
  | { kind: 'dw'; k: number; stride: number; pad: number };

export const LAYER_GRAMMAR = 'convK-F[/sS][/pP[c]], poolK[/sS], relu, gap, flatten, fc-N, dwK[/sS][/pP]';

export const MAX_LAYERS = 20;
/** Limits per token: large enough for any textbook network, small enough to stay interactive. */
export const LIMITS = { kernel: 11, filters: 512, stride: 8, pad: 10, poolKernel: 8, fcOutputs: 4096 } as const;

type TokenOutcome = { ok: true; layer: Layer } | { ok: false; why: string };

function bounded(name: string, text: string, min: number, max: number): number | string {
  const v = Number(text);
  return Number.isInteger(v) && v >= min && v <= max ? v : `${name} ${text} is not an integer from ${min} to ${max}`;
}

function parseOptions(text: string, allowed: string): { s?: string; p?: string; c: boolean } | string {
  const out: { s?: string; p?: string; c: boolean } = { c: false };
  if (text === '') return out;
  for (const opt of text.slice(1).split('/')) {
    const m = /^([sp])(\d+)(c?)$/.exec(opt);
    if (!m || !allowed.includes(m[1]!) || (m[3] && m[1] !== 'p')) return `option "/${opt}" is not one of ${allowed.includes('p') ? '/sS, /pP, /pPc' : '/sS'}`;
    if (out[m[1] as 's' | 'p'] !== undefined) return `option /${m[1]} is given twice`;
    out[m[1] as 's' | 'p'] = m[2]!;
    if (m[3]) out.c = true;
  }
  return out;
}

export function parseLayerToken(token: string): TokenOutcome {
  const t = token.trim().toLowerCase();
  if (t === 'relu' || t === 'gap' || t === 'flatten') return { ok: true, layer: { kind: t } };
  let m = /^fc-(\d+)$/.exec(t);
  if (m) {
    const n = bounded('N', m[1]!, 1, LIMITS.fcOutputs);
    return typeof n === 'string' ? { ok: false, why: n } : { ok: true, layer: { kind: 'fc', outputs: n } };
  }
  m = /^conv(\d+)-(\d+)((?:\/[a-z0-9]*)*)$/.exec(t);
  if (m) {
    const k = bounded('K', m[1]!, 1, LIMITS.kernel);
    const f = bounded('F', m[2]!, 1, LIMITS.filters);
    const o = parseOptions(m[3]!, 'sp');
    for (const e of [k, f, o]) if (typeof e === 'string') return { ok: false, why: e };
    const opts = o as { s?: string; p?: string; c: boolean };
    const stride = bounded('S', opts.s ?? '1', 1, LIMITS.stride);
    const pad = bounded('P', opts.p ?? String(Math.floor((k as number) / 2)), 0, LIMITS.pad);
    for (const e of [stride, pad]) if (typeof e === 'string') return { ok: false, why: e };
    return { ok: true, layer: { kind: 'conv', k: k as number, filters: f as number, stride: stride as number, pad: pad as number, circular: opts.c } };
  }
  m = /^dw(\d+)((?:\/[a-z0-9]*)*)$/.exec(t);
  if (m) {
    const k = bounded('K', m[1]!, 1, LIMITS.kernel);
    const o = parseOptions(m[2]!, 'sp');
    for (const e of [k, o]) if (typeof e === 'string') return { ok: false, why: e };
    const opts = o as { s?: string; p?: string; c: boolean };
    if (opts.c) return { ok: false, why: 'a depthwise layer pads with zeros only (no /pPc)' };
    const stride = bounded('S', opts.s ?? '1', 1, LIMITS.stride);
    const pad = bounded('P', opts.p ?? String(Math.floor((k as number) / 2)), 0, LIMITS.pad);
    for (const e of [stride, pad]) if (typeof e === 'string') return { ok: false, why: e };
    return { ok: true, layer: { kind: 'dw', k: k as number, stride: stride as number, pad: pad as number } };
  }
  m = /^pool(\d+)((?:\/[a-z0-9]*)*)$/.exec(t);
  if (m) {
    const k = bounded('K', m[1]!, 1, LIMITS.poolKernel);
    const o = parseOptions(m[2]!, 's');
    for (const e of [k, o]) if (typeof e === 'string') return { ok: false, why: e };
    const stride = bounded('S', (o as { s?: string }).s ?? String(k), 1, LIMITS.stride);
    if (typeof stride === 'string') return { ok: false, why: stride };
    return { ok: true, layer: { kind: 'pool', k: k as number, stride } };
  }
  return { ok: false, why: 'it matches none of the layer forms' };
}

/** Layers that need an image (height × width × channels) as input. */
export function isSpatial(layer: Layer): boolean {
  return layer.kind === 'conv' || layer.kind === 'dw' || layer.kind === 'pool' || layer.kind === 'gap';
}

export function parseLayers(text: string): ParseOutcome<Layer[]> {
  const tokens = text.split(',').map((s) => s.trim());
  if (tokens.length === 1 && tokens[0] === '') return { ok: false, reason: 'the list is empty' };
  if (tokens.length > MAX_LAYERS) return { ok: false, reason: `${tokens.length} layers, more than ${MAX_LAYERS}` };
  const layers: Layer[] = [];
  let flatSince: string | null = null;
  for (const [i, token] of tokens.entries()) {
    const r = parseLayerToken(token);
    if (!r.ok) return { ok: false, reason: `layer ${i + 1} "${token}": ${r.why}` };
    if (isSpatial(r.layer) && flatSince) return { ok: false, reason: `layer ${i + 1} "${token}" needs an image, but ${flatSince} before it made a vector` };
    if (r.layer.kind === 'flatten' || r.layer.kind === 'fc') flatSince ??= `layer ${i + 1} "${token}"`;
    layers.push(r.layer);
  }
  return { ok: true, value: layers };
}

/** The canonical token: options that equal their defaults are left out. */
export function formatLayer(l: Layer): string {
  switch (l.kind) {
    case 'conv': {
      const s = l.stride !== 1 ? `/s${l.stride}` : '';
      const p = l.pad !== Math.floor(l.k / 2) || l.circular ? `/p${l.pad}${l.circular ? 'c' : ''}` : '';
      return `conv${l.k}-${l.filters}${s}${p}`;
    }
    case 'dw': {
      const s = l.stride !== 1 ? `/s${l.stride}` : '';
      const p = l.pad !== Math.floor(l.k / 2) ? `/p${l.pad}` : '';
      return `dw${l.k}${s}${p}`;
    }
    case 'pool':
      return `pool${l.k}${l.stride !== l.k ? `/s${l.stride}` : ''}`;
    case 'fc':
      return `fc-${l.outputs}`;
    default:
      return l.kind;
  }
}

export function formatLayers(layers: readonly Layer[]): string {
  return layers.map(formatLayer).join(',');
}
