/**
 * Minibatches for training and evaluation: shuffled from memory with a per-epoch seed, or streamed from the image
 * cache a batch at a time with a reader ahead of the trainer.
 */
package dev.dl4jlab.data.batches;
