package dev.ktrdr.api.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * A gzip (RFC 1952) decompressing stream with hard limits, built on {@link Inflater}.
 *
 * <p>Unlike {@link java.util.zip.GZIPInputStream} it refuses what follows the last member unless it
 * is another gzip member (trailing garbage is an error, not silently ignored), checks every member's
 * CRC-32 and length, and stops a decompression bomb early: the stream fails as soon as it has
 * delivered more than {@code maxBytes} bytes, or more than {@code ratioFloor} bytes <em>and</em> more
 * than {@code maxRatio} times the compressed bytes consumed so far. Because the ratio is checked
 * against the compressed bytes consumed, a 1000:1 bomb is refused after about {@code ratioFloor} bytes
 * of output, whatever its total size.
 *
 * <p>Failures: a truncated stream throws {@link EOFException}; corrupt data, a bad CRC or length
 * throw {@link ZipException}; limits and trailing garbage throw {@link FileRefusedException}; all
 * messages name the file. Internal-use helper of the library's modules (see the package comment).
 * Not thread-safe; one instance reads one stream.
 */
public final class BoundedGzip extends InputStream {
    private final InputStream in;
    private final String name;
    private final long maxBytes;
    private final double maxRatio;
    private final long ratioFloor;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int len;
    private long read;
    private long out;
    private long memberOut;
    private boolean done;

    private BoundedGzip(InputStream in, String name, long maxBytes, double maxRatio, long ratioFloor) {
        this.in = in;
        this.name = StrictText.printable(name);
        this.maxBytes = maxBytes;
        this.maxRatio = maxRatio;
        this.ratioFloor = ratioFloor;
    }

    /**
     * Opens a gzip stream and reads its first member's header.
     *
     * @param compressed the compressed bytes (not closed by this method; closing the result closes it)
     * @param name the file name for messages
     * @param maxBytes the most decompressed bytes delivered
     * @param maxRatio the largest ratio of decompressed to compressed bytes accepted beyond {@code ratioFloor}
     * @param ratioFloor decompressed bytes delivered before the ratio is checked
     * @return the decompressing stream
     * @throws EOFException when the header is truncated
     * @throws ZipException when the header is not a gzip header
     * @throws IOException when the stream cannot be read
     */
    public static BoundedGzip open(InputStream compressed, String name, long maxBytes, double maxRatio, long ratioFloor)
            throws IOException {
        BoundedGzip g = new BoundedGzip(compressed, name, maxBytes, maxRatio, ratioFloor);
        g.header(true);
        return g;
    }

    /** @return decompressed bytes delivered so far */
    public long bytesOut() {
        return out;
    }

    /** @return compressed bytes consumed so far (header, data and trailer) */
    public long bytesIn() {
        return read - (len - pos);
    }

    private int next() throws IOException {
        if (pos == len && !fill()) {
            return -1;
        }
        return buf[pos++] & 0xff;
    }

    private int need() throws IOException {
        int b = next();
        if (b < 0) {
            throw new EOFException(name + ": truncated gzip data (the file ends inside the compressed stream)");
        }
        return b;
    }

    private boolean fill() throws IOException {
        int r = in.read(buf, 0, buf.length);
        if (r <= 0) {
            pos = 0;
            len = 0;
            return false;
        }
        pos = 0;
        len = r;
        read += r;
        return true;
    }

    private void header(boolean first) throws IOException {
        int b0 = first ? need() : 0x1F;
        int b1 = need();
        if (b0 != 0x1F || b1 != 0x8B) {
            throw new ZipException(name + ": not in gzip format");
        }
        if (need() != 8) {
            throw new ZipException(name + ": unsupported gzip compression method");
        }
        int flags = need();
        for (int i = 0; i < 6; i++) {
            need(); // MTIME, XFL, OS
        }
        if ((flags & 4) != 0) {
            int xlen = need() | need() << 8;
            for (int i = 0; i < xlen; i++) {
                need();
            }
        }
        if ((flags & 8) != 0) {
            skipZeroTerminated();
        }
        if ((flags & 16) != 0) {
            skipZeroTerminated();
        }
        if ((flags & 2) != 0) {
            need();
            need();
        }
        inflater.reset();
        crc.reset();
        memberOut = 0;
    }

    private void skipZeroTerminated() throws IOException {
        int b;
        do {
            b = need();
        } while (b != 0);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int r = read(one, 0, 1);
        return r < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (!done) {
            if (inflater.finished()) {
                endOfMember();
                continue;
            }
            if (inflater.needsInput()) {
                if (pos == len && !fill()) {
                    throw new EOFException(name + ": truncated gzip data (the file ends inside the compressed stream)");
                }
                inflater.setInput(buf, pos, len - pos);
            }
            int r;
            try {
                r = inflater.inflate(b, off, length);
            } catch (DataFormatException e) {
                throw new ZipException(name + ": corrupt gzip data (" + e.getMessage() + ")");
            }
            pos = len - inflater.getRemaining();
            if (r > 0) {
                crc.update(b, off, r);
                out += r;
                memberOut += r;
                check();
                return r;
            }
            if (inflater.needsDictionary()) {
                throw new ZipException(name + ": corrupt gzip data (a preset dictionary is required)");
            }
        }
        return -1;
    }

    private void check() throws FileRefusedException {
        if (out > maxBytes) {
            throw new FileRefusedException(name + ": decompresses to more than the " + maxBytes + " bytes allowed");
        }
        if (out > ratioFloor && out > maxRatio * Math.max(1, bytesIn())) {
            throw new FileRefusedException(name + ": decompresses to more than " + fmt(maxRatio) + " times its compressed size ("
                    + out + " bytes from " + bytesIn() + "); refused as a decompression bomb");
        }
    }

    private static String fmt(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
    }

    private void endOfMember() throws IOException {
        long c = 0;
        for (int i = 0; i < 4; i++) {
            c |= (long) need() << (8 * i);
        }
        long size = 0;
        for (int i = 0; i < 4; i++) {
            size |= (long) need() << (8 * i);
        }
        if (c != crc.getValue()) {
            throw new ZipException(name + ": corrupt gzip data (CRC-32 mismatch)");
        }
        if (size != (memberOut & 0xFFFF_FFFFL)) {
            throw new ZipException(name + ": corrupt gzip data (length mismatch)");
        }
        long at = bytesIn();
        int b = next();
        if (b < 0) {
            done = true;
            return;
        }
        if (b != 0x1F) {
            throw new FileRefusedException(name + ": trailing garbage after the gzip stream at byte offset " + at);
        }
        int b1 = next();
        if (b1 != 0x8B) {
            throw new FileRefusedException(name + ": trailing garbage after the gzip stream at byte offset " + at);
        }
        pos--; // header() reads the second magic byte again
        header(false);
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        in.close();
    }
}
