import { defineDemo } from '../common/demo-schema';
import { enumParam, intParam } from '../common/param-kinds';
import { RESNET_ARCHS, type ResNetArch } from './resnet-model';

export type MemoryOptimizer = 'sgd' | 'momentum' | 'adam';
export type MemoryDtype = 'fp32' | 'fp16';

export interface MemoryParams {
  arch: ResNetArch;
  classes: number;
  input: number;
  batch: number;
  opt: MemoryOptimizer;
  dtype: MemoryDtype;
}

export const OPTIMIZERS: readonly MemoryOptimizer[] = ['sgd', 'momentum', 'adam'];

/** Bytes of one stored number. */
export const DTYPE_BYTES: Record<MemoryDtype, number> = { fp32: 4, fp16: 2 };

/**
 * The notebook's setup (EECS 182 Sp23 HW4 Problem 5, Sections 1–2): torchvision's ResNet-152 with
 * 10 outputs for CIFAR-10 images resized to 224 × 224, a minibatch of 8.
 */
export const memorySchema = defineDemo<MemoryParams>({
  name: 'memory',
  title: 'GPU memory of training a ResNet',
  summary: 'Weights, gradients, optimizer state and the activations kept for the backward pass of torchvision\'s ResNets, counted from the ONNX graph, for any batch size, optimizer and precision.',
  defaultSeed: 0,
  controls: ['arch', 'classes', 'input', 'batch', 'opt', 'dtype'],
  params: {
    arch: enumParam({ name: 'arch', default: 'resnet152', values: RESNET_ARCHS, description: 'torchvision\'s ResNet-18, 34 (basic blocks), 50, 101 or 152 (bottleneck blocks).' }),
    classes: intParam({ name: 'classes', default: 10, min: 1, max: 100000, description: 'Outputs of the final fully connected layer (10 for CIFAR-10, 1000 for ImageNet).' }),
    input: intParam({ name: 'input', default: 224, min: 16, max: 512, description: 'Side of the square RGB input image in pixels (the notebook resizes CIFAR-10 to 224).' }),
    batch: intParam({ name: 'batch', default: 8, min: 1, max: 4096, description: 'Images per minibatch.' }),
    opt: enumParam({
      name: 'opt',
      default: 'sgd',
      values: OPTIMIZERS,
      description: '`sgd` keeps no state; `momentum` keeps one velocity per parameter; `adam` keeps two moment estimates per parameter.',
    }),
    dtype: enumParam({
      name: 'dtype',
      default: 'fp32',
      values: ['fp32', 'fp16'] as const,
      description: 'Bytes per stored number for every tensor counted: `fp32` 4, `fp16` 2 (pure half precision; see the page for mixed precision).',
    }),
  },
});
