import type { SeededRng } from './seeded-rng';

/**
 * Initial weights as PyTorch draws them, from a seeded stream. A weight tensor's fan-in is the
 * number of inputs each output sums (in·k² for a convolution), its fan-out the number of outputs
 * each input feeds (out·k²).
 */

/** PyTorch's default for Linear and Conv2d weights and biases: U(±1/√fan_in). */
export function defaultUniform(rng: SeededRng, size: number, fanIn: number): Float32Array {
  const bound = 1 / Math.sqrt(fanIn);
  return Float32Array.from({ length: size }, () => (2 * rng.uniform() - 1) * bound);
}

/** Glorot/Xavier uniform (torch.nn.init.xavier_uniform_): U(±√(6/(fan_in + fan_out))). */
export function xavierUniform(rng: SeededRng, size: number, fanIn: number, fanOut: number): Float32Array {
  const bound = Math.sqrt(6 / (fanIn + fanOut));
  return Float32Array.from({ length: size }, () => (2 * rng.uniform() - 1) * bound);
}

/** He/Kaiming normal (torch.nn.init.kaiming_normal_, mode fan_in, ReLU gain √2): N(0, 2/fan_in). */
export function kaimingNormal(rng: SeededRng, size: number, fanIn: number): Float32Array {
  const std = Math.sqrt(2 / fanIn);
  return Float32Array.from({ length: size }, () => rng.normal() * std);
}

/** Glorot/Xavier normal (torch.nn.init.xavier_normal_): N(0, 2/(fan_in + fan_out)). */
export function xavierNormal(rng: SeededRng, size: number, fanIn: number, fanOut: number): Float32Array {
  const std = Math.sqrt(2 / (fanIn + fanOut));
  return Float32Array.from({ length: size }, () => rng.normal() * std);
}
