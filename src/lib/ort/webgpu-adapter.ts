interface GpuLike {
  requestAdapter(): Promise<unknown>;
}

/**
 * Why WebGPU cannot be used here, or null when it can. `navigator.gpu` alone proves nothing:
 * browsers expose it and then return no adapter (blocklisted GPU, headless without flags).
 */
export async function webgpuUnavailableReason(): Promise<string | null> {
  const gpu = (globalThis.navigator as (Navigator & { gpu?: GpuLike }) | undefined)?.gpu;
  if (!gpu) return 'this browser has no WebGPU';
  try {
    const adapter = await gpu.requestAdapter();
    return adapter ? null : 'this browser returned no WebGPU adapter';
  } catch (e) {
    return `asking for a WebGPU adapter failed (${e instanceof Error ? e.message : String(e)})`;
  }
}
