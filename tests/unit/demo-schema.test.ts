import { describe, expect, it } from 'vitest';
import { parseDemoProps, parseDemoState, stateToQuery } from '../../src/lib/demos/common/demo-schema';
import { conv1dSchema } from '../../src/lib/demos/conv1d/conv1d-schema';
import { conv2dSchema, HOMEWORK_K, HOMEWORK_X } from '../../src/lib/demos/conv2d/conv2d-schema';

describe('reading demo state from the URL', () => {
  it('reads valid values, matrices and common parameters', () => {
    const { state, issues } = parseDemoState(conv2dSchema, '?x=1,2;3,4&k=1&stride=2&pad=1&mode=corr&padding=circular&backend=wasm&seed=7&hide=x,k');
    expect(issues).toEqual([]);
    expect(state).toMatchObject({ x: [[1, 2], [3, 4]], k: [[1]], stride: 2, pad: 1, mode: 'corr', padding: 'circular', backend: 'wasm', seed: 7, hide: ['x', 'k'] });
  });

  it('falls back to the default and names the parameter when a value is out of range', () => {
    const { state, issues } = parseDemoState(conv2dSchema, 'stride=0');
    expect(state.stride).toBe(1);
    expect(issues).toEqual([{ param: 'stride', message: 'stride must be an integer from 1 to 8 (got "0"); using 1.' }]);
  });

  it('rejects text where a number belongs', () => {
    const { state, issues } = parseDemoState(conv1dSchema, 'a=abc&L=2.5');
    expect(state.a).toBe(0.5);
    expect(state.L).toBe(7);
    expect(issues.map((i) => i.param)).toEqual(['L', 'a']);
    expect(issues[1]!.message).toContain('not a number');
  });

  it('rejects ragged matrices and non-numeric entries, saying where', () => {
    const ragged = parseDemoState(conv2dSchema, 'x=1,2;3');
    expect(ragged.state.x).toEqual(HOMEWORK_X);
    expect(ragged.issues[0]!.message).toContain('row 1 has 2 entries, row 2 has 1');
    const text = parseDemoState(conv2dSchema, 'k=1,2;3,a');
    expect(text.state.k).toEqual(HOMEWORK_K);
    expect(text.issues[0]!.message).toContain('row 2, entry 2 is not a number ("a")');
  });

  it('rejects a matrix larger than the demo allows', () => {
    const big = Array.from({ length: 17 }, () => '1').join(';');
    const { issues } = parseDemoState(conv2dSchema, `x=${big}`);
    expect(issues[0]!.param).toBe('x');
  });

  it('ignores unknown parameters', () => {
    const { state, issues } = parseDemoState(conv2dSchema, 'utm_source=slides&stride=2');
    expect(issues).toEqual([]);
    expect(state.stride).toBe(2);
  });

  it('resets a kernel that does not fit the padded input', () => {
    const { state, issues } = parseDemoState(conv2dSchema, 'k=1,1,1,1,1,1,1;1,1,1,1,1,1,1');
    expect(state.k).toEqual(HOMEWORK_K);
    expect(issues[0]!.message).toBe('k (2x7) does not fit x (5x5) padded by 0; using the default k.');
    const both = parseDemoState(conv2dSchema, 'x=1,2;3,4');
    expect(both.state.x).toEqual(HOMEWORK_X);
  });

  it('rejects from > to in conv1d and keeps both defaults', () => {
    const { state, issues } = parseDemoState(conv1dSchema, 'from=10&to=2');
    expect([state.from, state.to]).toEqual([-6, 12]);
    expect(issues[0]!.param).toBe('from,to');
  });

  it('rejects unknown backends and hide names', () => {
    const { state, issues } = parseDemoState(conv2dSchema, 'backend=cuda&hide=x,nonsense');
    expect(state.backend).toBe('auto');
    expect(state.hide).toEqual([]);
    expect(issues.map((i) => i.param)).toEqual(['backend', 'hide']);
  });
});

describe('writing demo state back to a URL', () => {
  it('writes only what differs from the defaults, and reads back the same state', () => {
    const { state } = parseDemoState(conv2dSchema, 'x=1,2;3,4&k=-1&stride=2&backend=wasm');
    const q = stateToQuery(conv2dSchema, state);
    expect(q).toBe('x=1,2;3,4&k=-1&stride=2&backend=wasm');
    expect(parseDemoState(conv2dSchema, q).state).toEqual(state);
    expect(stateToQuery(conv2dSchema, parseDemoState(conv2dSchema, '').state)).toBe('');
  });

  it('treats autorun=1 as the default on embed pages only', () => {
    const embed = parseDemoState(conv1dSchema, '', '1').state;
    expect(embed.autorun).toBe('1');
    expect(stateToQuery(conv1dSchema, embed, '1')).toBe('');
    expect(stateToQuery(conv1dSchema, embed, '0')).toBe('autorun=1');
  });
});

describe('MDX props', () => {
  it('fail the build on a bad value or an unknown name', () => {
    expect(() => parseDemoProps(conv2dSchema, 'stride=9', 'page.mdx')).toThrow(/stride must be an integer from 1 to 8/);
    expect(() => parseDemoProps(conv2dSchema, 'strides=2', 'page.mdx')).toThrow(/unknown conv2d parameter\(s\) strides/);
    expect(parseDemoProps(conv2dSchema, 'stride=2', 'page.mdx').stride).toBe(2);
  });
});
