package dev.ktrdr.examples.cli.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * The hostile-input corpus, generated at test time (the large cases are gzip files built from one
 * compressed member repeated, so a 2 GB bomb costs a few milliseconds to write). Each case is a bar file
 * {@code BTCUSDT_1h.csv[.gz]} in its own folder, or a strategy file.
 */
final class HostileCorpus {
    static final String HEADER = "timestamp,open,high,low,close,volume\n";

    private HostileCorpus() {
    }

    /** Kind of input a case is. */
    enum Kind { DATA, STRATEGY }

    /**
     * One case: its name, kind, path (created by {@link #build}) and the exact message after "ktrdr: "
     * under STRICT validation and under REPAIR ({@code data inspect}).
     */
    record Case(String name, Kind kind, Path path, String message, String repairMessage) {
        Case(String name, Kind kind, Path path, String message) {
            this(name, kind, path, message, message);
        }

        /** A row rule: STRICT names the rule and detail, inspect's REPAIR line counts the problems. */
        static Case row(String name, Path path, long line, String column, String value, String rule, String detail, int problems) {
            String head = path + ":" + line + ": " + column + " '" + value + "' breaks rule " + rule;
            return new Case(name, Kind.DATA, path, head + ": " + detail,
                    head + " (" + problems + " problems; STRICT validation rejects the file)");
        }
    }

    static String rows(String... lines) {
        StringBuilder sb = new StringBuilder(HEADER);
        for (String l : lines) {
            sb.append(l).append('\n');
        }
        return sb.toString();
    }

    /** Ten plain bars from 2021-01-04T00:00Z with close 100 and the given row inserted as row 6 (line 7). */
    static String withRow(String row) {
        StringBuilder sb = new StringBuilder(HEADER);
        for (int i = 0; i < 10; i++) {
            if (i == 5) {
                sb.append(row).append('\n');
            } else {
                sb.append(String.format("2021-01-04T%02d:00:00Z,100,101,99,100,10%n", i));
            }
        }
        return sb.toString();
    }

    static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(bo, 1 << 16)) {
            g.write(b);
        }
        return bo.toByteArray();
    }

    /** A gzip file of the header member followed by {@code times} copies of one member of {@code chunk}. */
    static void repeatedGzip(Path file, byte[] head, byte[] chunk, int times) throws IOException {
        byte[] member = gzip(chunk);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(gzip(head));
            for (int i = 0; i < times; i++) {
                out.write(member);
            }
        }
    }

    static Path dataFile(Path root, String name, String suffix) throws IOException {
        Path d = Files.createDirectories(root.resolve(name));
        return d.resolve("BTCUSDT_1h" + suffix);
    }

    static Path write(Path root, String name, String text) throws IOException {
        Path f = dataFile(root, name, ".csv");
        Files.writeString(f, text);
        return f;
    }

    static boolean mkfifo(Path p) {
        try {
            Process pr = new ProcessBuilder("mkfifo", p.toString()).redirectErrorStream(true).start();
            pr.getInputStream().readAllBytes();
            return pr.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Writes every case under {@code root}.
     *
     * @param root a fresh folder
     * @param withFifo whether mkfifo is available
     * @return the cases
     */
    static List<Case> build(Path root, boolean withFifo) throws IOException {
        List<Case> out = new ArrayList<>();
        Path zero = Path.of("/dev/zero");
        // ---- bar files
        Path f = dataFile(root, "data-dev-zero", ".csv");
        Files.createSymbolicLink(f, zero);
        out.add(new Case("data: symlink to /dev/zero", Kind.DATA, f,
                f + ": is a device, FIFO or socket (through a symbolic link); only regular files are read"));
        if (withFifo) {
            f = dataFile(root, "data-fifo", ".csv");
            if (mkfifo(f)) {
                out.add(new Case("data: FIFO", Kind.DATA, f, f + ": is a device, FIFO or socket; only regular files are read"));
            }
        }
        f = dataFile(root, "data-directory", ".csv");
        Files.createDirectories(f);
        out.add(new Case("data: directory", Kind.DATA, f, f + ": is a directory; only regular files are read"));

        f = dataFile(root, "data-dup-rows-gz", ".csv.gz");
        // 50M duplicate rows (2.5 GB of text) in about 8 MB: one member of 200,000 rows, repeated 250 times.
        String row = "2021-01-04T00:00:00Z,100.25,101.5,99.75,100.5,12345\n";
        repeatedGzip(f, (HEADER + row).getBytes(StandardCharsets.US_ASCII),
                row.repeat(200_000).getBytes(StandardCharsets.US_ASCII), 250);
        out.add(new Case("data: 8 MB gz of 50M duplicate rows", Kind.DATA, f,
                f + ":3: timestamp '2021-01-04T00:00:00Z' breaks rule duplicate: same timestamp as line 2",
                f + ": decompresses to more than 100 times its compressed size (4456345 bytes from 13131); refused as a decompression bomb"));

        f = dataFile(root, "data-newline-bomb", ".csv.gz");
        // 2 GB of newlines in about 2 MB: a member of 16 MiB of newlines, repeated 128 times.
        repeatedGzip(f, HEADER.getBytes(StandardCharsets.US_ASCII), "\n".repeat(16 << 20).getBytes(StandardCharsets.US_ASCII), 128);
        out.add(new Case("data: 2 MB gz of 2 GB newlines", Kind.DATA, f,
                f + ": decompresses to more than 100 times its compressed size (4194341 bytes from 4146); refused as a decompression bomb"));

        f = dataFile(root, "data-trailing-garbage", ".csv.gz");
        byte[] good = gzip(withRow("2021-01-04T05:00:00Z,100,101,99,100,10").getBytes(StandardCharsets.US_ASCII));
        byte[] bad = java.util.Arrays.copyOf(good, good.length + 7);
        System.arraycopy("GARBAGE".getBytes(StandardCharsets.US_ASCII), 0, bad, good.length, 7);
        Files.write(f, bad);
        out.add(new Case("data: trailing garbage after gzip", Kind.DATA, f,
                f + ": trailing garbage after the gzip stream at byte offset " + good.length));

        f = dataFile(root, "data-invalid-utf8", ".csv");
        byte[] text = withRow("2021-01-04T05:00:00Z,100,101,99,100,10 \u00e9").getBytes(StandardCharsets.ISO_8859_1);
        Files.write(f, text);
        out.add(new Case("data: invalid UTF-8", Kind.DATA, f,
                f + ":7: byte 0xE9 at column 40 (byte offset 271) is not valid UTF-8; the file must be UTF-8 text"));

        f = dataFile(root, "data-utf16-bom", ".csv");
        Files.write(f, ("\uFEFF" + withRow("2021-01-04T05:00:00Z,100,101,99,100,10")).getBytes(StandardCharsets.UTF_16LE));
        out.add(new Case("data: UTF-16 with BOM", Kind.DATA, f, f + ":1: the file is UTF-16 text; UTF-8 is required"));

        f = dataFile(root, "data-nul", ".csv");
        Files.write(f, withRow("2021-01-04T05:00:00Z,100,101,99,100\u0000\u0001,10").getBytes(StandardCharsets.ISO_8859_1));
        out.add(new Case("data: binary / NUL bytes", Kind.DATA, f,
                f + ":7: NUL byte at column 36 (byte offset 267); the file is not UTF-8 text"));

        f = dataFile(root, "data-escape-codes", ".csv");
        Files.writeString(f, withRow("2021-01-04T05:00:00Z,100\u001b[31m,101,99,100,10"));
        out.add(Case.row("data: terminal escape codes in a value", f, 7, "open", "100\\u001b[31m", "number", "not a number", 1));

        String band = " is outside the plausible band [1.0E-9, 1.0E12]";
        String range = "outside the plausible range 1900-01-01T00:00:00Z to 2100-01-01T00:00:00Z (exclusive)";
        f = write(root, "data-1e300", withRow("2021-01-04T05:00:00Z,100,1e300,99,100,10"));
        out.add(Case.row("data: price 1e300", f, 7, "high", "1e300", "price-range", "high 1.0E300" + band, 1));
        f = write(root, "data-dbl-max", withRow("2021-01-04T05:00:00Z,100,1.7976931348623157E308,99,100,10"));
        out.add(Case.row("data: price DBL_MAX", f, 7, "high", "1.7976931348623157E308", "price-range",
                "high 1.7976931348623157E308" + band, 1));
        f = write(root, "data-subnormal", withRow("2021-01-04T05:00:00Z,100,101,4.9E-324,100,10"));
        out.add(Case.row("data: subnormal price", f, 7, "low", "4.9E-324", "price-range", "low 4.9E-324 (a subnormal float)" + band, 1));
        f = write(root, "data-spike", withRow("2021-01-04T05:00:00Z,100000000,101000000,99000000,100000000,10"));
        out.add(Case.row("data: x1e6 spike", f, 7, "high", "1.01E8", "spike", "high 1.01E8 is more than 100 times, or less than 1/100 of,"
                + " both neighbours' closes (100.0 at line 6, 100.0 at line 8)", 1));
        f = write(root, "data-year-0000", withRow("0000-01-04T05:00:00Z,100,101,99,100,10"));
        out.add(Case.row("data: year 0000", f, 7, "timestamp", "0000-01-04T05:00:00Z", "timestamp-range", range, 1));
        f = write(root, "data-year-9999", withRow("9999-01-04T05:00:00Z,100,101,99,100,10"));
        out.add(Case.row("data: year 9999", f, 7, "timestamp", "9999-01-04T05:00:00Z", "timestamp-range", range, 1));
        f = write(root, "data-493-year-jump", rows("1607-01-04T00:00:00Z,100,101,99,100,10", "2100-01-04T01:00:00Z,100,101,99,100,10"));
        out.add(Case.row("data: 493-year jump", f, 2, "timestamp", "1607-01-04T00:00:00Z", "timestamp-range", range, 2));
        f = write(root, "data-70-year-gap", rows("1950-01-04T00:00:00Z,100,101,99,100,10", "1950-01-04T01:00:00Z,100,101,99,100,10",
                "2020-01-06T01:00:00Z,100,101,99,100,10"));
        out.add(Case.row("data: 70-year gap", f, 4, "timestamp", "2020-01-06T01:00:00Z", "gap",
                "25569 days after line 3 (1950-01-04T01:00:00Z); more than the 366 days allowed", 1));

        // ---- strategy files
        Path s = root.resolve("strategies");
        Files.createDirectories(s);
        out.add(new Case("strategy: /dev/zero", Kind.STRATEGY, zero,
                "/dev/zero: is a device, FIFO or socket; only regular files are read"));
        Path link = s.resolve("zero.yaml");
        Files.createSymbolicLink(link, zero);
        out.add(new Case("strategy: symlink to /dev/zero", Kind.STRATEGY, link,
                link + ": is a device, FIFO or socket (through a symbolic link); only regular files are read"));
        if (withFifo) {
            Path fifo = s.resolve("fifo.yaml");
            if (mkfifo(fifo)) {
                out.add(new Case("strategy: FIFO", Kind.STRATEGY, fifo, fifo + ": is a device, FIFO or socket; only regular files are read"));
            }
        }
        Path dir = Files.createDirectories(s.resolve("dir.yaml"));
        out.add(new Case("strategy: directory", Kind.STRATEGY, dir, dir + ": is a directory; only regular files are read"));
        Path u8 = s.resolve("latin1.yaml");
        Files.write(u8, "name: caf\u00e9\nversion: \"3.0\"\n".getBytes(StandardCharsets.ISO_8859_1));
        out.add(new Case("strategy: invalid UTF-8", Kind.STRATEGY, u8,
                u8 + ": byte offset 9: malformed UTF-8 sequence (0xE9); the file must be UTF-8 text"));
        Path u16 = s.resolve("utf16.yaml");
        Files.write(u16, "\uFEFFname: x\n".getBytes(StandardCharsets.UTF_16LE));
        out.add(new Case("strategy: UTF-16 with BOM", Kind.STRATEGY, u16,
                u16 + ": byte offset 0: starts with a UTF-16 byte-order mark; the file must be UTF-8 text"));
        Path nul = s.resolve("nul.yaml");
        Files.write(nul, "name: a\u0000b\nversion: \"3.0\"\n".getBytes(StandardCharsets.ISO_8859_1));
        out.add(new Case("strategy: NUL bytes", Kind.STRATEGY, nul,
                nul + ": byte offset 7: NUL byte (binary content); the file must be UTF-8 text"));
        return out;
    }
}
