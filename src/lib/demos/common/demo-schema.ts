import { enumParam, intParam, namesParam, type ParamDef } from './param-kinds';

export type Backend = 'webgpu' | 'wasm';
export type BackendRequest = 'auto' | Backend;

/** Parameters every demo answers to (DEMO_CONTRACT.md). */
export interface CommonState {
  backend: BackendRequest;
  seed: number;
  autorun: '0' | '1';
  hide: string[];
}

export type ParamDefs<S> = { [K in keyof S]: ParamDef<S[K]> };

export interface DemoSchema<S> {
  name: string;
  title: string;
  /** One line for lists and the catalog. */
  summary: string;
  params: ParamDefs<S>;
  /** Control names the `hide` parameter accepts. */
  controls: readonly string[];
  defaultSeed: number;
  /**
   * Checks that only make sense across parameters (a kernel that must fit its input). Returns the
   * parameters to reset to their defaults, with the reason.
   */
  check?(state: S): { reset: (keyof S)[]; message: string } | null;
}

export interface ParamIssue {
  param: string;
  message: string;
}

export type FullState<S> = S & CommonState;

export function defineDemo<S>(schema: DemoSchema<S>): DemoSchema<S> {
  return schema;
}

/** Controls every demo frame has, hideable like the demo's own. */
export const FRAME_CONTROLS = ['backend', 'share'] as const;

export function commonParams(schema: { controls: readonly string[]; defaultSeed: number }, autorunDefault: '0' | '1'): ParamDefs<CommonState> {
  const hideable = [...schema.controls, ...FRAME_CONTROLS];
  return {
    backend: enumParam({
      name: 'backend',
      default: 'auto',
      values: ['auto', 'webgpu', 'wasm'] as const,
      description: '`auto` uses WebGPU when the browser returns a hardware adapter, else WASM; `webgpu` uses any adapter, even a software one, and falls back to WASM (and says so) where there is none.',
    }),
    seed: intParam({ name: 'seed', default: schema.defaultSeed, min: 0, max: 4294967295, description: 'Seed of every random draw.' }),
    autorun: enumParam({
      name: 'autorun',
      default: autorunDefault,
      values: ['0', '1'] as const,
      description: 'Run on load (`1`). Default `0` on solution pages, `1` on embed pages.',
    }),
    hide: namesParam({ name: 'hide', default: [], values: hideable, description: `Controls to hide (classroom mode): ${hideable.join(', ')}.` }),
  };
}

export function allParams<S>(schema: DemoSchema<S>, autorunDefault: '0' | '1'): ParamDef<unknown>[] {
  return [...Object.values(schema.params), ...Object.values(commonParams(schema, autorunDefault))] as ParamDef<unknown>[];
}

export function defaultState<S>(schema: DemoSchema<S>, autorunDefault: '0' | '1' = '0'): FullState<S> {
  return Object.fromEntries(allParams(schema, autorunDefault).map((p) => [p.name, structuredClone(p.default)])) as FullState<S>;
}

/**
 * Reads a query string. A bad value never stops the demo: it is reported, and that parameter
 * keeps its default. Unknown parameters are ignored.
 */
export function parseDemoState<S>(
  schema: DemoSchema<S>,
  query: string | URLSearchParams,
  autorunDefault: '0' | '1' = '0',
): { state: FullState<S>; issues: ParamIssue[] } {
  const search = typeof query === 'string' ? new URLSearchParams(query) : query;
  const state = defaultState(schema, autorunDefault) as Record<string, unknown>;
  const issues: ParamIssue[] = [];
  for (const p of allParams(schema, autorunDefault)) {
    const text = search.get(p.name);
    if (text === null) continue;
    const r = p.parse(text);
    if (r.ok) state[p.name] = r.value;
    else issues.push({ param: p.name, message: `${p.name} must be ${p.accepts} (got "${clip(text)}"${r.reason ? `: ${r.reason}` : ''}); using ${p.defaultLabel ?? (clip(p.format(p.default), 90) || 'none')}.` });
  }
  const cross = schema.check?.(state as S);
  if (cross) {
    for (const name of cross.reset) state[name as string] = structuredClone(schema.params[name].default);
    issues.push({ param: cross.reset.join(','), message: `${cross.message}; using the default ${cross.reset.join(' and ')}.` });
  }
  return { state: state as FullState<S>, issues };
}

/** Parses MDX props strictly: a bad or unknown parameter fails the build with its message. */
export function parseDemoProps<S>(schema: DemoSchema<S>, query: string, where: string): FullState<S> {
  const search = new URLSearchParams(query);
  const known = new Set(allParams(schema, '0').map((p) => p.name));
  const unknown = [...search.keys()].filter((k) => !known.has(k));
  if (unknown.length) throw new Error(`${where}: unknown ${schema.name} parameter(s) ${unknown.join(', ')}; known: ${[...known].join(', ')}`);
  const { state, issues } = parseDemoState(schema, search);
  if (issues.length) throw new Error(`${where}: ${issues.map((i) => i.message).join(' ')}`);
  return state;
}

/** The query string for a state: only what differs from the defaults, in schema order. */
export function stateToQuery<S>(schema: DemoSchema<S>, state: FullState<S>, autorunDefault: '0' | '1' = '0'): string {
  const s = state as Record<string, unknown>;
  const parts: string[] = [];
  for (const p of allParams(schema, autorunDefault)) {
    if (!p.equals(s[p.name], p.default)) parts.push(`${p.name}=${encodeQueryValue(p.format(s[p.name]))}`);
  }
  return parts.join('&');
}

/** Keeps `,` and `;` readable in links pasted into slides. */
function encodeQueryValue(text: string): string {
  return encodeURIComponent(text).replace(/%2C/g, ',').replace(/%3B/g, ';');
}

function clip(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

export interface ParamTableRow {
  name: string;
  type: string;
  default: string;
  description: string;
}

export function paramTable<S>(schema: DemoSchema<S>): ParamTableRow[] {
  return allParams(schema, '0').map((p) => ({
    name: p.name,
    type: p.type,
    default: p.name === 'autorun' ? '0 (1 on embed pages)' : (p.defaultLabel ?? p.format(p.default)),
    description: `${p.description} Accepts ${p.accepts}.`,
  }));
}
