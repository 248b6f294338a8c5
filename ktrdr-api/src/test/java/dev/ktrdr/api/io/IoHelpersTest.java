package dev.ktrdr.api.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IoHelpersTest {
    @TempDir
    Path dir;

    private static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(bo)) {
            g.write(b);
        }
        return bo.toByteArray();
    }

    private static byte[] gunzip(byte[] gz, long max, double ratio, long floor) throws IOException {
        try (InputStream in = BoundedGzip.open(new ByteArrayInputStream(gz), "x.gz", max, ratio, floor)) {
            return in.readAllBytes();
        }
    }

    @Test
    void gzipRoundTripsSingleAndConcatenatedMembers() throws IOException {
        byte[] a = "hello, ".repeat(1000).getBytes(StandardCharsets.US_ASCII);
        byte[] b = "world".getBytes(StandardCharsets.US_ASCII);
        assertThat(gunzip(gzip(a), 1 << 20, 100, 1 << 20)).isEqualTo(a);
        byte[] ga = gzip(a);
        byte[] gb = gzip(b);
        byte[] both = Arrays.copyOf(ga, ga.length + gb.length);
        System.arraycopy(gb, 0, both, ga.length, gb.length);
        byte[] expected = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, expected, a.length, b.length);
        assertThat(gunzip(both, 1 << 20, 100, 1 << 20)).isEqualTo(expected);
    }

    @Test
    void gzipRefusesTrailingGarbageTruncationAndCorruption() throws IOException {
        byte[] g = gzip("abc\n".repeat(100).getBytes(StandardCharsets.US_ASCII));
        byte[] garbage = Arrays.copyOf(g, g.length + 3);
        garbage[g.length] = 'x';
        assertThatThrownBy(() -> gunzip(garbage, 1 << 20, 100, 1 << 20)).isInstanceOf(FileRefusedException.class)
                .hasMessage("x.gz: trailing garbage after the gzip stream at byte offset " + g.length);
        assertThatThrownBy(() -> gunzip(Arrays.copyOf(g, g.length - 4), 1 << 20, 100, 1 << 20)).isInstanceOf(EOFException.class);
        byte[] crc = g.clone();
        crc[g.length - 8] ^= 1;
        assertThatThrownBy(() -> gunzip(crc, 1 << 20, 100, 1 << 20)).isInstanceOf(ZipException.class)
                .hasMessage("x.gz: corrupt gzip data (CRC-32 mismatch)");
    }

    @Test
    void gzipStopsBombsByRatioAndByAbsoluteSize() throws IOException {
        byte[] zeros = new byte[8 << 20];
        byte[] g = gzip(zeros);
        assertThatThrownBy(() -> gunzip(g, 1L << 40, 100, 1 << 20)).isInstanceOf(FileRefusedException.class)
                .hasMessageStartingWith("x.gz: decompresses to more than 100 times its compressed size (")
                .hasMessageEndingWith("); refused as a decompression bomb");
        assertThatThrownBy(() -> gunzip(g, 1 << 20, 10_000, 1 << 20)).isInstanceOf(FileRefusedException.class)
                .hasMessage("x.gz: decompresses to more than the 1048576 bytes allowed");
        assertThat(gunzip(g, 8 << 20, 10_000, 1 << 20)).hasSize(8 << 20);
    }

    @Test
    void boundedReadsRefuseDirectoriesDevicesAndOversizedFiles() throws IOException {
        assertThatThrownBy(() -> BoundedFiles.readBytes(dir, 10, "test file")).isInstanceOf(FileRefusedException.class)
                .hasMessage(dir + ": is a directory; only regular files are read");
        Path zero = Path.of("/dev/zero");
        if (Files.exists(zero)) {
            assertThatThrownBy(() -> BoundedFiles.readBytes(zero, 10, "test file")).isInstanceOf(FileRefusedException.class)
                    .hasMessage("/dev/zero: is a device, FIFO or socket; only regular files are read");
            Path link = dir.resolve("link");
            Files.createSymbolicLink(link, zero);
            assertThatThrownBy(() -> BoundedFiles.readBytes(link, 10, "test file")).isInstanceOf(FileRefusedException.class)
                    .hasMessage(link + ": is a device, FIFO or socket (through a symbolic link); only regular files are read");
        }
        Path f = dir.resolve("f.txt");
        Files.write(f, new byte[11]);
        assertThat(BoundedFiles.readBytes(f, 11, "test file")).hasSize(11);
        assertThatThrownBy(() -> BoundedFiles.readBytes(f, 10, "test file")).isInstanceOf(FileRefusedException.class)
                .hasMessage(f + ": the test file is larger than the 10 bytes allowed");
        assertThatThrownBy(() -> BoundedFiles.readBytes(dir.resolve("none"), 10, "test file")).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void strictTextNamesOffsetAndProblem() {
        assertThatThrownBy(() -> StrictText.decodeUtf8(new byte[] {'a', 'b', (byte) 0xC3, '('}, "s.yaml"))
                .hasMessage("s.yaml: byte offset 2: malformed UTF-8 sequence (0xC3); the file must be UTF-8 text");
        assertThatThrownBy(() -> StrictText.decodeUtf8(new byte[] {(byte) 0xFF, (byte) 0xFE, 'a', 0}, "s.yaml"))
                .hasMessage("s.yaml: byte offset 0: starts with a UTF-16 byte-order mark; the file must be UTF-8 text");
        assertThatThrownBy(() -> StrictText.decodeUtf8(new byte[] {'a', 0, 'b'}, "s.yaml"))
                .hasMessage("s.yaml: byte offset 1: NUL byte (binary content); the file must be UTF-8 text");
        assertThat(StrictText.printable("a\u0000b\nc\u2028d\u00e9\uD83D\uDE00")).isEqualTo("a\\u0000b\\u000ac\\u2028d\u00e9\uD83D\uDE00");
    }

    @Test
    void atomicWriteNeverFollowsAPlantedLink() throws IOException {
        Path victim = dir.resolve("victim.txt");
        Files.writeString(victim, "precious");
        Path target = dir.resolve("X.csv");
        Files.createSymbolicLink(dir.resolve("X.csv.tmp"), victim);
        AtomicFiles.writeString(target, "new");
        assertThat(Files.readString(victim)).isEqualTo("precious");
        assertThat(Files.readString(target)).isEqualTo("new");
        Path linkTarget = dir.resolve("Y.csv");
        Files.createSymbolicLink(linkTarget, victim);
        AtomicFiles.writeString(linkTarget, "replaced");
        assertThat(Files.readString(victim)).isEqualTo("precious");
        assertThat(Files.isSymbolicLink(linkTarget)).isFalse();
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("victim.txt", "X.csv", "X.csv.tmp", "Y.csv");
        }
    }

    @Test
    void failedWriteLeavesTargetAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("out.csv");
        Files.writeString(target, "old");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write('x');
            throw new IOException("boom");
        })).hasMessage("boom");
        assertThat(Files.readString(target)).isEqualTo("old");
        try (var s = Files.list(dir)) {
            assertThat(s).hasSize(1);
        }
    }

    @Test
    void cacheWriteIsAtomicLikeTheDurableOne() throws IOException {
        Path victim = dir.resolve("victim.txt");
        Files.writeString(victim, "precious");
        Path target = dir.resolve("s.kshard");
        Files.createSymbolicLink(target, victim);
        AtomicFiles.writeCache(target, out -> out.write("v1".getBytes(StandardCharsets.UTF_8)));
        assertThat(Files.readString(victim)).isEqualTo("precious");
        assertThat(Files.isSymbolicLink(target)).isFalse();
        assertThat(Files.readString(target)).isEqualTo("v1");
        assertThatThrownBy(() -> AtomicFiles.writeCache(target, out -> {
            out.write('x');
            throw new IOException("boom");
        })).hasMessage("boom");
        assertThat(Files.readString(target)).isEqualTo("v1");
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("victim.txt", "s.kshard");
        }
    }
}
