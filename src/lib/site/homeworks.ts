// The homeworks of the site: course, source, release date, and the problems whose pages are not
// written yet. A written problem's number, summary, parts and demos live in its page's frontmatter
// (`problem:`, checked by src/lib/site/problem-schema.ts); src/lib/site/problems.ts merges the two
// for the overview pages, the demo pages and catalog.json. Summaries are ours; problem numbers
// follow each homework's own numbering.
import type { HomeworkEntry } from './homework-types';

export const homeworks: HomeworkEntry[] = [
  {
    id: 'eecs182-sp23/hw3',
    course: 'EECS 182 · Spring 2023',
    title: 'Homework 3',
    source: 'UC Berkeley EECS 182 (Deep Neural Networks), Spring 2023, Homework 3',
    // Due Friday 17 February 2023, 22:59 Pacific (PST).
    release: '2023-02-17T22:59:00-08:00',
    pending: [
      {
        number: '1',
        slug: '1-normalization-layers',
        title: "Normalization layers",
        summary: "What batch normalization does to a 1-D and a 2-D Gaussian input distribution, with and without the learned scale and shift.",
      },
      {
        number: '5',
        slug: '5-batchnorm-dropout-conv',
        title: "Batch norm, dropout and convolutions (coding)",
        summary: "The computational graph and backward pass of training-time batch norm, what dropout does to the train/validation gap, and a network design.",
      },
    ],
  },
  {
    id: 'eecs182-sp23/hw4',
    course: 'EECS 182 · Spring 2023',
    title: 'Homework 4',
    source: 'UC Berkeley EECS 182 (Deep Neural Networks), Spring 2023, Homework 4',
    // Due Friday 24 February 2023, 22:59 Pacific (the homework's "2022" is a typo).
    release: '2023-02-24T22:59:00-08:00',
    pending: [],
  },
  {
    id: 'duke-ece661-f20/hw2',
    course: 'Duke ECE 661 · Fall 2020',
    title: 'Homework 2',
    source: 'Duke ECE 661 (Computer Engineering Machine Learning and Deep Neural Nets), Fall 2020, Homework 2',
    // The answer document is dated 20 September 2020; released at the end of that day in Durham (EDT).
    release: '2020-09-20T23:59:00-04:00',
    pending: [
      {
        number: '1.1',
        slug: '1-1-batch-normalization',
        title: "True or false: batch normalization",
        summary: "Does batch norm simply force zero-mean activations, and is that why it helps training?",
      },
      {
        number: '1.2',
        slug: '1-2-dynamic-graphs',
        title: "True or false: dynamic graphs in PyTorch",
        summary: "Define-by-run execution and whether intermediate tensors can be inspected at any point.",
      },
      {
        number: '1.3',
        slug: '1-3-data-augmentation',
        title: "True or false: data augmentation always helps",
        summary: "When an augmentation changes the label or the task, it hurts instead of helping.",
      },
      {
        number: '1.4',
        slug: '1-4-adam-epsilon',
        title: "True or false: a large epsilon in Adam",
        summary: "What the epsilon in the Adam denominator does, and what a value near 1 turns Adam into.",
      },
      {
        number: '1.5',
        slug: '1-5-regularization-and-dropout',
        title: "True or false: weight penalties plus dropout",
        summary: "Whether combining an L1/L2 penalty with dropout is guaranteed to beat either one alone.",
      },
      {
        number: '1.6',
        slug: '1-6-leaky-relu',
        title: "True or false: leaky ReLU",
        summary: "Leaky ReLU keeps dead units alive; does its negative-side slope make training unstable?",
      },
      {
        number: '1.7',
        slug: '1-7-l1-sparsity',
        title: "True or false: L1 against L2 sparsity",
        summary: "Why an L1 penalty drives weights exactly to zero while an L2 penalty only shrinks them.",
      },
      {
        number: '1.8',
        slug: '1-8-depthwise-separable',
        title: "True or false: depthwise separable convolutions",
        summary: "Counting multiply-accumulates for a 3×3 convolution and its depthwise separable replacement, and what that means for real speed.",
      },
      {
        number: '1.9',
        slug: '1-9-squeezenet',
        title: "True or false: SqueezeNet",
        summary: "Where SqueezeNet spends its computation and where its small parameter count really comes from.",
      },
      {
        number: '1.10',
        slug: '1-10-residual-connections',
        title: "True or false: residual connections",
        summary: "What shortcut connections were introduced for, and what they do to the loss landscape.",
      },
      {
        number: '2',
        slug: '2-lenet5-cifar10',
        title: "Lab 1 · LeNet-5 on CIFAR-10",
        summary: "Building and checking a LeNet-5 training pipeline: the initial loss, input normalization, running on a GPU, overfitting and weight initialization.",
      },
      {
        number: '3',
        slug: '3-improving-the-pipeline',
        title: "Lab 2 · Improving the pipeline",
        summary: "Random crops and flips, batch normalization, the Swish activation, and sweeps over learning rate and L2 strength, plus an L1 penalty.",
      },
      {
        number: '4',
        slug: '4-advanced-architectures',
        title: "Lab 3 · Advanced CNN architectures",
        summary: "Training a ResNet on CIFAR-10 to high accuracy and the settings that get it there.",
      },
    ],
  },
  {
    id: 'snu-mfdnn-sp24/hw5',
    course: 'SNU MFDNN · Spring 2024',
    title: 'Homework 5',
    source: 'Seoul National University, Mathematical Foundations of Deep Neural Networks (E. Ryu), Spring 2024, Homework 5',
    // Due Monday 8 April 2024, 17:00 Seoul (KST).
    release: '2024-04-08T17:00:00+09:00',
    pending: [],
  },
];
