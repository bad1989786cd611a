/**
 * Oxford Flowers102: its labels and official splits from {@code imagelabels.mat}/{@code setid.mat}, the fetcher
 * for its archive, and the dataset decoding its JPEGs into the image cache at the configured size.
 */
package dev.dl4jlab.data.flowers;
