/**
 * Datasets: the {@link dev.dl4jlab.data.DatasetRegistry} (every dataset a config can name, with its facts), fetching
 * and verifying files, DataVec record readers (IDX; CSV through CSVRecordReader), JPEG/PNG decoding through OpenCV
 * with DCT scaling, the memory-mapped image cache, feature scaling, class selection, and minibatches
 * ({@link dev.dl4jlab.data.Minibatches}: in memory, or streamed from the image cache). {@link dev.dl4jlab.data.TaskData}
 * loads what a config trains and evaluates on. Uses config and the ground.
 */
package dev.dl4jlab.data;
