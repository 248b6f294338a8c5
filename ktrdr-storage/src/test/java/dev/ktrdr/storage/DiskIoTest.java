package dev.ktrdr.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ktrdr.api.ModelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskIoTest {
    @TempDir
    Path tmp;

    @Test
    void devicesFifosAndLinksAreRefusedWithoutBeingOpened() throws Exception {
        assertThatThrownBy(() -> DiskIo.readBounded(Path.of("/dev/zero"), 1L << 30, "/dev/zero"))
                .isInstanceOf(ModelException.class)
                .hasMessage("/dev/zero is a character device, not a regular file (the store reads regular files and "
                        + "directories only and never follows links)");
        Path fifo = tmp.resolve("fifo");
        StoreRefusalsTest.mkfifo(fifo);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThatThrownBy(() -> DiskIo.readBounded(fifo, 10,
                "fifo")).hasMessageStartingWith("fifo is a FIFO (named pipe), not a regular file"));
        Path link = tmp.resolve("link");
        Files.createSymbolicLink(link, Path.of("/dev/zero"));
        assertThatThrownBy(() -> DiskIo.readBounded(link, 10, "link")).hasMessageStartingWith(
                "link is a symbolic link, not a regular file");
        assertThatThrownBy(() -> DiskIo.readBounded(tmp, 10, "dir")).hasMessageStartingWith(
                "dir is a directory, not a regular file");
        assertThatThrownBy(() -> DiskIo.readBounded(tmp.resolve("none"), 10, "none")).hasMessage("none is missing");
    }

    @Test
    void theLimitIsExactAndChecked() throws Exception {
        Path f = tmp.resolve("f");
        Files.write(f, new byte[100]);
        assertThat(DiskIo.readBounded(f, 100, "f")).hasSize(100);
        assertThatThrownBy(() -> DiskIo.readBounded(f, 99, "f"))
                .hasMessage("f: 100 bytes is larger than the 99 allowed");
        Files.write(f, new byte[0]);
        assertThat(DiskIo.readBounded(f, 0, "f")).isEmpty();
    }
}
