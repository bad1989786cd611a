package dev.dl4jlab.data.images;

/**
 * The image formats a folder of images may hold, told apart by their signature: for each, the width × height its header
 * declares (read before decoding, so an image too large to decode is refused without decoding it) and whether its
 * structure is whole (OpenCV decodes a JPEG cut short into a partly grey image without an error).
 */
public enum ImageFormat {
    JPEG {
        @Override
        boolean matches(byte[] b) {
            return b.length >= 3 && u8(b, 0) == 0xFF && u8(b, 1) == 0xD8 && u8(b, 2) == 0xFF;
        }

        /** From the start-of-frame marker, or null when there is none before the first scan. */
        @Override
        int[] size(byte[] b) {
            int i = 2;
            while (i + 9 < b.length && u8(b, i) == 0xFF) {
                int marker = u8(b, i + 1);
                if (marker == 0xFF) {
                    i++;   // fill byte
                    continue;
                }
                int length = be16(b, i + 2);
                // SOF0..SOF15, except DHT (C4), JPG (C8) and DAC (CC), which share the range
                if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                    return new int[]{be16(b, i + 7), be16(b, i + 5)};
                }
                if (marker == 0xDA || length < 2) {
                    return null;
                }
                i += 2 + length;
            }
            return null;
        }

        /**
         * Walks the marker segments and entropy-coded scans to the end-of-image marker. (Corrupt bits inside a scan
         * need a decoder to notice.)
         */
        @Override
        String damage(byte[] b) {
            int i = 2;
            while (i < b.length) {
                if (u8(b, i) != 0xFF) {
                    return "no marker at byte " + i;
                }
                while (i < b.length && u8(b, i) == 0xFF) {
                    i++;   // fill bytes
                }
                if (i >= b.length) {
                    break;
                }
                int marker = u8(b, i++);
                if (marker == 0xD9) {
                    return null;   // end of image
                }
                if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                    continue;   // markers without a length
                }
                if (i + 1 >= b.length) {
                    break;
                }
                int length = be16(b, i);
                if (length < 2) {
                    return "segment length " + length + " at byte " + i;
                }
                i += length;
                if (marker == 0xDA) {
                    i = endOfScan(b, i);   // the compressed data runs to the next marker
                }
            }
            return "cut short: it ends before its end-of-image marker";
        }
    },
    PNG {
        @Override
        boolean matches(byte[] b) {
            return b.length >= 8 && u8(b, 0) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
        }

        /** From the IHDR chunk, which comes first. */
        @Override
        int[] size(byte[] b) {
            return b.length >= 24 && b[12] == 'I' && b[13] == 'H' && b[14] == 'D' && b[15] == 'R'
                    ? new int[]{be32(b, 16), be32(b, 20)} : null;
        }

        @Override
        String damage(byte[] b) {
            byte[] end = {0, 0, 0, 0, 'I', 'E', 'N', 'D'};
            boolean whole = b.length >= 8 + 12;
            for (int i = 0; whole && i < end.length; i++) {
                whole = b[b.length - 12 + i] == end[i];
            }
            return whole ? null : "cut short: no IEND chunk at its end";
        }
    },
    BMP {
        @Override
        boolean matches(byte[] b) {
            return b.length >= 26 && b[0] == 'B' && b[1] == 'M';
        }

        /** From the DIB header: 16-bit sizes in the old 12-byte core header, else 32-bit (a negative height is top-down). */
        @Override
        int[] size(byte[] b) {
            return le32(b, 14) == 12 ? new int[]{le16(b, 18), le16(b, 20)} : new int[]{le32(b, 18), Math.abs(le32(b, 22))};
        }

        /** The file header's total size (0 in some writers' files: then unknown). */
        @Override
        String damage(byte[] b) {
            long declared = le32(b, 2) & 0xFFFFFFFFL;
            return declared > b.length ? "cut short: its header says " + declared + " bytes, the file has " + b.length : null;
        }
    },
    GIF {
        @Override
        boolean matches(byte[] b) {
            return b.length >= 13 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8' && (b[4] == '7' || b[4] == '9')
                    && b[5] == 'a';
        }

        /** The first frame's size (what is decoded), from its image descriptor after the extension blocks before it. */
        @Override
        int[] size(byte[] b) {
            int i = 13 + ((u8(b, 10) & 0x80) != 0 ? 3 << ((u8(b, 10) & 7) + 1) : 0);   // after the global colour table
            while (i < b.length && u8(b, i) == 0x21) {
                i += 2;   // introducer and label, then sub-blocks up to an empty one
                while (i < b.length && u8(b, i) != 0) {
                    i += 1 + u8(b, i);
                }
                i++;
            }
            return i + 9 <= b.length && u8(b, i) == 0x2C ? new int[]{le16(b, i + 5), le16(b, i + 7)} : null;
        }

        @Override
        String damage(byte[] b) {
            return u8(b, b.length - 1) == 0x3B ? null : "cut short: no trailer byte at its end";
        }
    },
    WEBP {
        @Override
        boolean matches(byte[] b) {
            return b.length >= 30 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F'
                    && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P';
        }

        /** From the first chunk: lossy (VP8), lossless (VP8L) or extended (VP8X, the canvas size). */
        @Override
        int[] size(byte[] b) {
            String chunk = new String(b, 12, 4, java.nio.charset.StandardCharsets.US_ASCII);
            return switch (chunk) {
                case "VP8 " -> new int[]{le16(b, 26) & 0x3FFF, le16(b, 28) & 0x3FFF};
                case "VP8L" -> new int[]{(le32(b, 21) & 0x3FFF) + 1, ((le32(b, 21) >>> 14) & 0x3FFF) + 1};
                case "VP8X" -> new int[]{(le32(b, 24) & 0xFFFFFF) + 1, (le32(b, 27) & 0xFFFFFF) + 1};
                default -> null;
            };
        }

        /** The RIFF header's size of what follows it. */
        @Override
        String damage(byte[] b) {
            long declared = (le32(b, 4) & 0xFFFFFFFFL) + 8;
            return declared > b.length ? "cut short: its header says " + declared + " bytes, the file has " + b.length : null;
        }
    },
    TIFF {
        @Override
        boolean matches(byte[] b) {
            return b.length >= 8 && ((b[0] == 'I' && b[1] == 'I' && b[2] == 42 && b[3] == 0)
                    || (b[0] == 'M' && b[1] == 'M' && b[2] == 0 && b[3] == 42));
        }

        /** The ImageWidth (256) and ImageLength (257) tags of the first directory, SHORT or LONG. */
        @Override
        int[] size(byte[] b) {
            boolean little = b[0] == 'I';
            long directory = u32(b, 4, little);
            if (directory < 8 || directory + 2 > b.length) {
                return null;
            }
            int at = (int) directory;
            int entries = u16(b, at, little);
            int width = -1;
            int height = -1;
            for (int e = 0; e < entries && at + 2 + 12 * (e + 1) <= b.length; e++) {
                int entry = at + 2 + 12 * e;
                int tag = u16(b, entry, little);
                int type = u16(b, entry + 2, little);
                long value = type == 3 ? u16(b, entry + 8, little) : type == 4 ? u32(b, entry + 8, little) : -1;
                if (tag == 256) {
                    width = (int) Math.min(Integer.MAX_VALUE, value);
                } else if (tag == 257) {
                    height = (int) Math.min(Integer.MAX_VALUE, value);
                }
            }
            return width >= 0 && height >= 0 ? new int[]{width, height} : null;
        }

        /** Strips and tiles lie anywhere in the file: a cut is found by the decoder, which then fails. */
        @Override
        String damage(byte[] b) {
            return null;
        }
    };

    /** Names as they end a file that may hold an image of these formats; anything else in a class folder is skipped. */
    static final java.util.List<String> ENDINGS = java.util.List.of(".jpg", ".jpeg", ".png", ".bmp", ".gif", ".webp", ".tif", ".tiff");
    /** The formats, for messages. */
    public static final String NAMES = "JPEG, PNG, BMP, GIF, WebP or TIFF";

    /** Whether {@code b} starts with this format's signature. */
    abstract boolean matches(byte[] b);

    /** The width and height the header declares, or null when the header does not say. */
    abstract int[] size(byte[] b);

    /** What is wrong with the file's structure, or null when it is whole as far as can be told without decoding. */
    abstract String damage(byte[] b);

    /** The format whose signature {@code b} starts with, or null for none of these. */
    public static ImageFormat of(byte[] b) {
        for (ImageFormat format : values()) {
            if (format.matches(b)) {
                return format;
            }
        }
        return null;
    }

    /** As messages name it: JPEG, PNG, BMP, GIF, WebP, TIFF. */
    String label() {
        return this == WEBP ? "WebP" : name();
    }

    /** The index of the first marker after entropy-coded data starting at {@code i}, or the file's length. */
    private static int endOfScan(byte[] b, int i) {
        while (i + 1 < b.length) {
            if (u8(b, i) == 0xFF) {
                int next = u8(b, i + 1);
                if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) {
                    i += 2;   // a stuffed 0xFF byte, or a restart marker inside the scan
                    continue;
                }
                if (next != 0xFF) {
                    return i;
                }
            }
            i++;
        }
        return b.length;
    }

    private static int u8(byte[] b, int i) {
        return i >= 0 && i < b.length ? b[i] & 0xFF : 0;
    }

    private static int be16(byte[] b, int i) {
        return (u8(b, i) << 8) | u8(b, i + 1);
    }

    private static int be32(byte[] b, int i) {
        return (be16(b, i) << 16) | be16(b, i + 2);
    }

    private static int le16(byte[] b, int i) {
        return u8(b, i) | (u8(b, i + 1) << 8);
    }

    private static int le32(byte[] b, int i) {
        return le16(b, i) | (le16(b, i + 2) << 16);
    }

    private static int u16(byte[] b, int i, boolean little) {
        return little ? le16(b, i) : be16(b, i);
    }

    private static long u32(byte[] b, int i, boolean little) {
        return (little ? le32(b, i) : be32(b, i)) & 0xFFFFFFFFL;
    }
}
