package dev.ktrdr.api.io;

/**
 * Size limits for reading one bar file.
 *
 * <p>Defaults ({@link #defaults()}): at most {@value #DEFAULT_MAX_FILE_BYTES} bytes read from the file,
 * at most {@value #DEFAULT_MAX_DECOMPRESSED_BYTES} bytes after gzip decompression, and, once more than
 * {@value #DEFAULT_RATIO_FLOOR} bytes have been decompressed, at most {@value #DEFAULT_MAX_RATIO} times
 * the compressed bytes consumed (real OHLCV CSV compresses 4 to 10 times; a gzip bomb 1000 times). Each
 * default can be overridden with a system property: {@code ktrdr.io.maxFileBytes},
 * {@code ktrdr.io.maxDecompressedBytes}, {@code ktrdr.io.maxGzipRatio}, {@code ktrdr.io.gzipRatioFloor}.
 *
 * @param maxFileBytes the most bytes read from the file itself
 * @param maxDecompressedBytes the most bytes a gzip file may expand to
 * @param maxRatio the largest decompressed-to-compressed ratio accepted beyond {@code ratioFloor}
 * @param ratioFloor decompressed bytes after which the ratio is checked
 */
public record ReadLimits(long maxFileBytes, long maxDecompressedBytes, double maxRatio, long ratioFloor) {
    /** Default for {@link #maxFileBytes()}: 512 MiB. */
    public static final long DEFAULT_MAX_FILE_BYTES = 512L << 20;
    /** Default for {@link #maxDecompressedBytes()}: 512 MiB. */
    public static final long DEFAULT_MAX_DECOMPRESSED_BYTES = 512L << 20;
    /** Default for {@link #maxRatio()}: 100. */
    public static final double DEFAULT_MAX_RATIO = 100;
    /** Default for {@link #ratioFloor()}: 4 MiB (a 1000:1 bomb is refused after 4 MiB of output). */
    public static final long DEFAULT_RATIO_FLOOR = 4L << 20;

    /**
     * Checks the limits.
     *
     * @param maxFileBytes the most bytes read from the file itself, ≥ 1
     * @param maxDecompressedBytes the most bytes a gzip file may expand to, ≥ 1
     * @param maxRatio the largest decompressed-to-compressed ratio accepted beyond {@code ratioFloor}, ≥ 1
     * @param ratioFloor decompressed bytes after which the ratio is checked, ≥ 0
     */
    public ReadLimits {
        if (maxFileBytes < 1 || maxDecompressedBytes < 1 || !(maxRatio >= 1) || ratioFloor < 0) {
            throw new IllegalArgumentException("read limits must be positive (maxFileBytes " + maxFileBytes
                    + ", maxDecompressedBytes " + maxDecompressedBytes + ", maxRatio " + maxRatio + " >= 1, ratioFloor "
                    + ratioFloor + ")");
        }
    }

    /**
     * @return the defaults, each overridable by its system property (see the class comment)
     * @throws IllegalArgumentException naming the property when one is set to something else than a
     *     positive number
     */
    public static ReadLimits defaults() {
        return new ReadLimits(prop("ktrdr.io.maxFileBytes", DEFAULT_MAX_FILE_BYTES),
                prop("ktrdr.io.maxDecompressedBytes", DEFAULT_MAX_DECOMPRESSED_BYTES),
                prop("ktrdr.io.maxGzipRatio", DEFAULT_MAX_RATIO),
                prop("ktrdr.io.gzipRatioFloor", DEFAULT_RATIO_FLOOR));
    }

    private static long prop(String key, long dflt) {
        String v = System.getProperty(key);
        if (v == null) {
            return dflt;
        }
        try {
            long x = Long.parseLong(v.strip());
            if (x >= 0) {
                return x;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException("system property " + key + "='" + StrictText.printable(v)
                + "' is not a whole number of bytes >= 0");
    }

    private static double prop(String key, double dflt) {
        String v = System.getProperty(key);
        if (v == null) {
            return dflt;
        }
        try {
            double x = Double.parseDouble(v.strip());
            if (x >= 1 && Double.isFinite(x)) {
                return x;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException("system property " + key + "='" + StrictText.printable(v)
                + "' is not a finite number >= 1");
    }
}
