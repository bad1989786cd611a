/**
 * Getting files onto disk and knowing they are right: atomic downloads that fail when a mirror stalls,
 * checksums, atomic installs into a dataset folder, and the stamps that let a verified folder skip re-hashing.
 */
package dev.dl4jlab.data.fetch;
