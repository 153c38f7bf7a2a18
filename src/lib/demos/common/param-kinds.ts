import { z } from 'zod';
import { formatList, formatMatrix, formatNumber, parseListText, parseMatrixText, parseNumber, type Matrix, type ParseOutcome } from './matrix-text';

/**
 * One query parameter of a demo. The same definition reads the URL, checks MDX props, and
 * writes the parameter table and catalog.json, so the three can never disagree.
 */
export interface ParamDef<T> {
  name: string;
  /** Type name as catalog.json and the parameter table show it. */
  type: 'integer' | 'number' | 'enum' | 'matrix' | 'list' | 'names';
  default: T;
  description: string;
  /** What the parameter accepts, as a phrase that completes "<name> must be …". */
  accepts: string;
  /** Words for a default that depends on other parameters ("same as size"), where its text would be empty. */
  defaultLabel?: string;
  parse(text: string): ParseOutcome<T>;
  format(value: T): string;
  equals(a: T, b: T): boolean;
}

interface Common<T> {
  name: string;
  default: T;
  description: string;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function fromZod<T>(schema: z.ZodType<T>, candidate: ParseOutcome<unknown>): ParseOutcome<T> {
  if (!candidate.ok) return candidate;
  const r = schema.safeParse(candidate.value);
  // The range is already in the message ("an integer from 1 to 8"); only text that could not be read needs a reason.
  return r.success ? { ok: true, value: r.data } : { ok: false, reason: '' };
}

const numberText = (text: string): ParseOutcome<number> => {
  const v = parseNumber(text);
  return v === null ? { ok: false, reason: 'not a number' } : { ok: true, value: v };
};

export function intParam(o: Common<number> & { min: number; max: number }): ParamDef<number> {
  const schema = z.number().int().min(o.min).max(o.max);
  return {
    ...o,
    type: 'integer',
    accepts: `an integer from ${o.min} to ${o.max}`,
    parse: (text) => fromZod(schema, numberText(text)),
    format: formatNumber,
    equals: (a, b) => a === b,
  };
}

export function numberParam(o: Common<number> & { min: number; max: number }): ParamDef<number> {
  const schema = z.number().min(o.min).max(o.max);
  return {
    ...o,
    type: 'number',
    accepts: `a number from ${o.min} to ${o.max}`,
    parse: (text) => fromZod(schema, numberText(text)),
    format: formatNumber,
    equals: (a, b) => a === b,
  };
}

export function enumParam<const V extends string>(o: Common<V> & { values: readonly V[] }): ParamDef<V> {
  const schema = z.enum(o.values as unknown as [V, ...V[]]);
  return {
    ...o,
    type: 'enum',
    accepts: `one of ${o.values.map((v) => `"${v}"`).join(', ')}`,
    parse: (text) => fromZod(schema, { ok: true, value: text.trim() }),
    format: (v) => v,
    equals: (a, b) => a === b,
  };
}

export function matrixParam(o: Common<Matrix> & { maxRows: number; maxCols: number; maxAbs?: number }): ParamDef<Matrix> {
  const maxAbs = o.maxAbs ?? 1e6;
  const schema = z
    .array(z.array(z.number().min(-maxAbs).max(maxAbs)).min(1).max(o.maxCols))
    .min(1)
    .max(o.maxRows);
  return {
    ...o,
    type: 'matrix',
    accepts: `a matrix of numbers (rows split by ";", entries by ","), at most ${o.maxRows}x${o.maxCols}, entries within ±${maxAbs}`,
    parse: (text) => fromZod(schema, parseMatrixText(text)),
    format: formatMatrix,
    equals: sameJson,
  };
}

export function listParam(o: Common<number[]> & { min: number; max: number; maxLength: number; integer?: boolean; allowEmpty?: boolean }): ParamDef<number[]> {
  const item = o.integer ? z.number().int().min(o.min).max(o.max) : z.number().min(o.min).max(o.max);
  const schema = z.array(item).min(o.allowEmpty ? 0 : 1).max(o.maxLength);
  return {
    ...o,
    type: 'list',
    accepts: `a comma-separated list of up to ${o.maxLength} ${o.integer ? 'integers' : 'numbers'} from ${o.min} to ${o.max}${o.allowEmpty ? ', or nothing' : ''}`,
    parse: (text) => fromZod(schema, o.allowEmpty && text.trim() === '' ? { ok: true, value: [] } : parseListText(text)),
    format: formatList,
    equals: sameJson,
  };
}

/** A comma list of names drawn from a fixed set (e.g. controls to hide); empty is allowed. */
export function namesParam<const V extends string>(o: Common<V[]> & { values: readonly V[] }): ParamDef<V[]> {
  const schema = z.array(z.enum(o.values as unknown as [V, ...V[]])) as unknown as z.ZodType<V[]>;
  return {
    ...o,
    type: 'names',
    accepts: `a comma-separated list of ${o.values.map((v) => `"${v}"`).join(', ')}`,
    parse: (text) =>
      fromZod(schema, {
        ok: true,
        value: text
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      }),
    format: (v) => v.join(','),
    equals: sameJson,
  };
}

/**
 * An integer that may be left out; `null` (absent, or given empty) stands for a value that
 * depends on other parameters, e.g. a pooling stride that defaults to the window size.
 */
export function optionalIntParam(o: Common<number | null> & { min: number; max: number; absentMeans: string }): ParamDef<number | null> {
  const schema = z.number().int().min(o.min).max(o.max);
  return {
    ...o,
    type: 'integer',
    accepts: `an integer from ${o.min} to ${o.max}, or absent (${o.absentMeans})`,
    defaultLabel: o.absentMeans,
    parse: (text) => (text.trim() === '' ? { ok: true, value: null } : fromZod(schema, numberText(text))),
    format: (v) => (v === null ? '' : formatNumber(v)),
    equals: (a, b) => a === b,
  };
}
