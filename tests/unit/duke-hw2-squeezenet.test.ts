// Duke ECE 661 F20 HW2 Problem 1.9: SqueezeNet v1.0 and AlexNet counted from their ONNX graphs
// (src/lib/site/squeezenet-counts.ts), against counts by hand written out here and against the
// parameter column of Table 1 of the SqueezeNet paper.
import { describe, expect, it } from 'vitest';
import { squeezeNetComparison, SQUEEZENET_FIRES } from '../../src/lib/site/squeezenet-counts';

const c = squeezeNetComparison();
const layer = (net: 'squeezenet' | 'alexnet' | 'earlyPools', name: string) => c[net].layers.find((l) => l.name === name)!;

/** A K×K convolution C → F with biases. */
const conv = (k: number, cin: number, f: number) => k * k * cin * f + f;

describe('SqueezeNet v1.0, by hand and by the paper', () => {
  // Table 1 of Iandola et al. (2016), "# parameter before pruning".
  const TABLE_1: Record<string, number> = {
    conv1: 14_208,
    fire2: 11_920,
    fire3: 12_432,
    fire4: 45_344,
    fire5: 49_440,
    fire6: 104_880,
    fire7: 111_024,
    fire8: 188_992,
    fire9: 197_184,
    conv10: 513_000,
  };

  it('a fire module with input C has C·s + s + s·e₁ + e₁ + 9·s·e₃ + e₃ parameters; the graph agrees for fire2 … fire9', () => {
    let cin = 96;
    SQUEEZENET_FIRES.forEach((f, i) => {
      const l = layer('squeezenet', `fire${i + 2}`);
      const squeeze = conv(1, cin, f.squeeze);
      const expand1 = conv(1, f.squeeze, f.expand1);
      const expand3 = conv(3, f.squeeze, f.expand3);
      expect(l.fire!.params).toEqual({ squeeze, expand1, expand3 });
      expect(l.params).toBe(squeeze + expand1 + expand3);
      expect(l.output[2]).toBe(f.expand1 + f.expand3);
      cin = f.expand1 + f.expand3;
    });
  });

  it('every layer and the total match Table 1 of the paper: 1 248 424 parameters', () => {
    for (const [name, params] of Object.entries(TABLE_1)) expect(layer('squeezenet', name).params, name).toBe(params);
    expect(c.squeezenet.params).toBe(1_248_424);
    expect(c.squeezenet.params).toBe(Object.values(TABLE_1).reduce((a, b) => a + b, 0));
  });

  it('keeps the paper\'s map sizes on a 227 × 227 input: 111, 55, 27, 13', () => {
    expect(layer('squeezenet', 'conv1').output).toEqual([111, 111, 96]);
    expect(layer('squeezenet', 'fire4').output).toEqual([55, 55, 256]);
    expect(layer('squeezenet', 'fire8').output).toEqual([27, 27, 512]);
    expect(layer('squeezenet', 'conv10').output).toEqual([13, 13, 1000]);
    expect(c.squeezenet.bySize.map((s) => s.size)).toEqual([111, 55, 27, 13]);
  });

  it('multiply-adds by hand: H·W·K²·C·F per convolution', () => {
    expect(layer('squeezenet', 'conv1').macs).toBe(111 * 111 * 49 * 3 * 96);
    expect(layer('squeezenet', 'fire2').macs).toBe(55 * 55 * (96 * 16 + 16 * 64 + 9 * 16 * 64));
    expect(layer('squeezenet', 'fire9').macs).toBe(13 * 13 * (512 * 64 + 64 * 256 + 9 * 64 * 256));
    expect(layer('squeezenet', 'conv10').macs).toBe(13 * 13 * 512 * 1000);
    const sum = c.squeezenet.layers.reduce((a, l) => a + l.macs, 0);
    expect(c.squeezenet.macs).toBe(sum);
    expect(c.squeezenet.bySize.reduce((a, s) => a + s.macsShare, 0)).toBeCloseTo(1, 12);
  });

  it('spends most of its arithmetic before the last stage: the 13 × 13 layers do 14 % of it, those at 111 and 55 nearly half', () => {
    const [s111, s55, s27, s13] = c.squeezenet.bySize;
    expect(s13!.macsShare).toBeCloseTo(c.ratio.squeezenetLastStageMacs, 12);
    expect(s13!.macsShare).toBeLessThan(0.15);
    expect(s111!.macsShare + s55!.macsShare).toBeGreaterThan(0.45);
    expect(s27!.macsShare).toBeLessThan(0.5);
    // …while the parameters sit late: the 13 × 13 layers hold more than half of them.
    expect(s13!.paramsShare).toBeGreaterThan(0.5);
  });

  it('downsampling early instead keeps every parameter and halves the multiply-adds', () => {
    expect(c.earlyPools.params).toBe(c.squeezenet.params);
    for (const l of c.squeezenet.layers) expect(layer('earlyPools', l.name)?.params ?? 0).toBe(l.params);
    expect(layer('earlyPools', 'fire3').output).toEqual([27, 27, 128]);
    expect(c.ratio.latePoolMacs).toBeCloseTo(c.squeezenet.macs / c.earlyPools.macs, 12);
    expect(c.ratio.latePoolMacs).toBeGreaterThan(1.9);
    // Early downsampling would put the work late: the 13 × 13 stage does nearly half of it.
    const early13 = c.earlyPools.bySize.find((b) => b.size === 13)!;
    expect(early13.macsShare).toBeGreaterThan(0.45);
    expect(early13.macsShare).toBeGreaterThan(3 * c.ratio.squeezenetLastStageMacs);
  });

  it('1 × 1 filters (squeeze, 1 × 1 expand, conv10) hold more than half of the parameters', () => {
    const oneByOne = SQUEEZENET_FIRES.reduce((a, f, i) => {
      const cin = i === 0 ? 96 : SQUEEZENET_FIRES[i - 1]!.expand1 + SQUEEZENET_FIRES[i - 1]!.expand3;
      return a + conv(1, cin, f.squeeze) + conv(1, f.squeeze, f.expand1);
    }, 0) + conv(1, 512, 1000);
    expect(c.ratio.squeezenetOneByOneShare).toBeCloseTo(oneByOne / 1_248_424, 12);
    expect(c.ratio.squeezenetOneByOneShare).toBeGreaterThan(0.5);
  });
});

describe('AlexNet (the Caffe reference model, two groups in conv2, conv4, conv5)', () => {
  it('has 60 965 224 parameters, 96 % of them in the three fully connected layers', () => {
    const byHand = [
      conv(11, 3, 96),
      2 * conv(5, 48, 128),
      conv(3, 256, 384),
      2 * conv(3, 192, 192),
      2 * conv(3, 192, 128),
      256 * 6 * 6 * 4096 + 4096,
      4096 * 4096 + 4096,
      4096 * 1000 + 1000,
    ];
    expect(c.alexnet.layers.filter((l) => l.params > 0).map((l) => l.params)).toEqual(byHand);
    expect(c.alexnet.params).toBe(60_965_224);
    expect(c.alexnet.fcParams).toBe(byHand.slice(5).reduce((a, b) => a + b, 0));
    expect(c.ratio.alexnetFcShare).toBeGreaterThan(0.96);
    // All five convolutions together have fewer parameters than fc6.
    expect(byHand.slice(0, 5).reduce((a, b) => a + b, 0)).toBeLessThan(layer('alexnet', 'fc6').params);
  });

  it('SqueezeNet has about 49 times fewer parameters, yet more multiply-adds than AlexNet', () => {
    expect(c.ratio.params).toBeCloseTo(60_965_224 / 1_248_424, 12);
    expect(layer('alexnet', 'conv2').macs).toBe(27 * 27 * 256 * 25 * 48);
    expect(c.alexnet.macs).toBe(c.alexnet.layers.reduce((a, l) => a + l.macs, 0));
    expect(c.ratio.macs).toBeGreaterThan(1.1);
  });
});
