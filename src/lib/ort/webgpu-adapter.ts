interface AdapterLike {
  info?: { isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
}

interface GpuLike {
  requestAdapter(): Promise<AdapterLike | null>;
}

export type WebGpuCheck = { usable: true; software: boolean } | { usable: false; reason: string };

/**
 * Whether WebGPU can be used here. `navigator.gpu` alone proves nothing: browsers expose it and
 * then return no adapter (blocklisted GPU, headless without flags). A fallback adapter is a
 * software rasteriser (SwiftShader): it works, but runs these graphs far slower than WASM.
 */
export async function checkWebGpu(): Promise<WebGpuCheck> {
  const gpu = (globalThis.navigator as unknown as { gpu?: GpuLike } | undefined)?.gpu;
  if (!gpu) return { usable: false, reason: 'this browser has no WebGPU' };
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return { usable: false, reason: 'this browser returned no WebGPU adapter' };
    return { usable: true, software: adapter.info?.isFallbackAdapter === true || adapter.isFallbackAdapter === true };
  } catch (e) {
    return { usable: false, reason: `asking for a WebGPU adapter failed (${e instanceof Error ? e.message : String(e)})` };
  }
}
