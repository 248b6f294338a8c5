package dev.ktrdr.api.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MarketDataTest {
    @Test
    void aRelativeFolderIsResolvedAgainstTheProjectRootAndAnAbsoluteOneIsKept() {
        Path root = Path.of("/work/clone").toAbsolutePath();
        assertThat(MarketData.resolve("../shared/data/market", root.toString()))
                .isEqualTo(root.getParent().resolve("shared/data/market"));
        Path absolute = Path.of("/data/market").toAbsolutePath();
        assertThat(MarketData.resolve(absolute.toString(), root.toString())).isEqualTo(absolute);
    }

    @Test
    void withoutAProjectRootTheWorkingDirectoryStandsIn() {
        Path cwd = Path.of("").toAbsolutePath();
        assertThat(MarketData.resolve("data", null)).isEqualTo(cwd.resolve("data"));
        assertThat(MarketData.resolve("data", "${maven.multiModuleProjectDirectory}")).isEqualTo(cwd.resolve("data"));
    }

    @Test
    void surefirePassesTheTopLevelProjectFolder() {
        String root = System.getProperty(MarketData.ROOT_PROPERTY);
        assertThat(root).isNotBlank().doesNotStartWith("${");
        assertThat(Path.of(root).resolve("pom.xml")).exists();
        // Surefire runs each module's tests in the module's folder, at or below the folder Maven started in
        assertThat(Path.of("").toAbsolutePath()).startsWith(Path.of(root).toAbsolutePath());
    }
}
