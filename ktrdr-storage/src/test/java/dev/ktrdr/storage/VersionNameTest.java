package dev.ktrdr.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.ModelScope;
import dev.ktrdr.api.internal.SafeNames;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.storage.testcodec.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionNameTest {
    @TempDir
    Path tmp;

    @Test
    void everyVersionNameParsesBackToItself() {
        String alphabet = "ABCXYZabcxyz0189._-";
        qt().forAll(lists().of(integers().between(0, alphabet.length() - 1)).ofSizeBetween(1, 12).map(ix -> {
                            StringBuilder sb = new StringBuilder("S");
                            ix.forEach(i -> sb.append(alphabet.charAt(i)));
                            return sb.toString();
                        }), integers().between(1, (1 << 9) - 1),
                        integers().between(1, 999_999_999), integers().between(0, 2))
                .assuming((name, mask, v, kind) -> SafeNames.isSafe(name, 32) && !"universal".equals(name)
                        && !name.startsWith("group-"))
                .checkAssert((name, mask, v, kind) -> {
                    List<Timeframe> tfs = new ArrayList<>();
                    for (Timeframe tf : Timeframe.values()) {
                        if ((mask & (1 << tf.ordinal())) != 0) {
                            tfs.add(tf);
                        }
                    }
                    ModelScope scope = kind == 0 ? ModelScope.UNIVERSAL
                            : kind == 1 ? ModelScope.group(name) : ModelScope.symbol(Symbol.of(name));
                    VersionName vn = new VersionName(scope, tfs, v);
                    assertThat(VersionName.parse(vn.dirName())).contains(vn);
                });
    }

    @Test
    void aSymbolThatWouldReadAsAnotherScopeIsRefused() {
        FileModelStore store = new FileModelStore(tmp);
        List<Timeframe> one = List.of(Timeframe.H1);
        for (String s : List.of("universal", "group-x")) {
            assertThatThrownBy(() -> store.save(Fixtures.artifacts("s", ModelScope.symbol(Symbol.of(s)), one,
                    Fixtures.trainingOnly(one), List.of(Symbol.of(s)), 1)))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("reserved");
        }
    }
}
