import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    // Vitest's default here is cores − 1 = one worker; the long training tests are single-threaded
    // (onnxruntime's WASM backend, one thread), so two files at a time use both cores.
    maxWorkers: 2,
  },
});
