package dev.ktrdr.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.api.AssetClass;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.data.actions.CorporateActions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder's fingerprint changes with every byte, file, policy and calendar that could change the bars. */
class FolderFingerprintTest {
    @TempDir
    Path dir;

    static final String CSV = "timestamp,open,high,low,close,volume\n"
            + "2024-01-02T00:00:00Z,1,2,0.5,1.5,10\n"
            + "2024-01-02T01:00:00Z,1.5,2,1,1.75,12\n";

    @Test
    void fingerprintFollowsTheInput() throws IOException {
        Symbol s = Symbol.of("BTCUSD");
        SymbolRegistry.write(dir, List.of(new SymbolInfo(s, AssetClass.CRYPTO, "crypto", Optional.empty())));
        Files.writeString(dir.resolve("BTCUSD_1h.csv"), CSV);
        String first = new DataFolder(dir).fingerprint(s).orElseThrow();
        assertThat(new DataFolder(dir).fingerprint(s)).contains(first);
        assertThat(first).startsWith("folder-crc:").hasSizeLessThanOrEqualTo(128);

        // every single flipped bit anywhere in the file (same length) changes it
        byte[] bytes = CSV.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        java.util.Set<String> seen = new java.util.HashSet<>(List.of(first));
        for (int i = 0; i < bytes.length; i++) {
            byte[] b = bytes.clone();
            b[i] ^= (byte) (1 << (i % 7));
            Files.write(dir.resolve("BTCUSD_1h.csv"), b);
            assertThat(seen.add(new DataFolder(dir).fingerprint(s).orElseThrow())).as("flip at " + i).isTrue();
        }
        // one changed byte
        Files.writeString(dir.resolve("BTCUSD_1h.csv"), CSV.replace("1.75", "1.76"));
        String changed = new DataFolder(dir).fingerprint(s).orElseThrow();
        assertThat(changed).isNotEqualTo(first);
        // another timeframe's file of the symbol
        Files.writeString(dir.resolve("BTCUSD_4h.csv"), CSV);
        assertThat(new DataFolder(dir).fingerprint(s).orElseThrow()).isNotEqualTo(changed);
        String withFourHours = new DataFolder(dir).fingerprint(s).orElseThrow();
        // another symbol's file does not matter
        Files.writeString(dir.resolve("ETHUSD_1h.csv"), CSV);
        assertThat(new DataFolder(dir).fingerprint(s)).contains(withFourHours);
        // another validation policy or calendar reads the same bytes differently
        assertThat(new DataFolder(dir, SymbolRegistry.load(dir), ValidationPolicy.values()[0]).fingerprint(s))
                .isNotEqualTo(new DataFolder(dir, SymbolRegistry.load(dir), ValidationPolicy.values()[1]).fingerprint(s));
        SymbolRegistry.write(dir, List.of(new SymbolInfo(s, AssetClass.FOREX, "forex", Optional.empty())));
        assertThat(new DataFolder(dir).fingerprint(s).orElseThrow()).isNotEqualTo(withFourHours);

        // corporate actions of the symbol are part of an adjusted source's fingerprint
        ListedBars listed = ListedBars.of(new DataFolder(dir));
        assertThat(listed.fingerprint(s)).isEqualTo(new DataFolder(dir).fingerprint(s));
        Files.writeString(dir.resolve(CorporateActions.FILE_NAME), "symbol,date,type,value\nBTCUSD,2024-01-02,split,2\n");
        ListedBars adjusted = CorporateActions.load(dir).adjusting(listed);
        assertThat(adjusted.fingerprint(s)).isPresent().isNotEqualTo(listed.fingerprint(s));
        Files.writeString(dir.resolve(CorporateActions.FILE_NAME), "symbol,date,type,value\nBTCUSD,2024-01-02,split,3\n");
        assertThat(CorporateActions.load(dir).adjusting(listed).fingerprint(s)).isNotEqualTo(adjusted.fingerprint(s));
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 20, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void aFifoOrFolderInPlaceOfAFileGivesNoFingerprintInsteadOfBlocking() throws Exception {
        Symbol s = Symbol.of("BTCUSD");
        SymbolRegistry.write(dir, List.of(new SymbolInfo(s, AssetClass.CRYPTO, "crypto", Optional.empty())));
        Files.writeString(dir.resolve("BTCUSD_1h.csv"), CSV);
        Process mk = new ProcessBuilder("mkfifo", dir.resolve("BTCUSD_4h.csv").toString()).start();
        assertThat(mk.waitFor()).isZero();
        // opening a FIFO for reading would wait for a writer forever; it is refused before opening
        assertThat(new DataFolder(dir).fingerprint(s)).isEmpty();
        Files.delete(dir.resolve("BTCUSD_4h.csv"));
        Files.createDirectory(dir.resolve("BTCUSD_4h.csv"));
        assertThat(new DataFolder(dir).fingerprint(s)).isEmpty();
    }
}
