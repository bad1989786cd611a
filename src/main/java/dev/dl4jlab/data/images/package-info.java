/**
 * Images: JPEG/PNG decoding through OpenCV with DCT scaling, sniffing formats by magic bytes, a user's image folder
 * (one sub-folder per class), and the memory-mapped cache of decoded, resized pixels.
 */
package dev.dl4jlab.data.images;
