package dev.ktrdr.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KtrdrVersionTest {
    @Test
    void versionComesFromTheBuild() {
        assertThat(KtrdrVersion.get()).matches("\\d+\\.\\d+\\.\\d+.*");
    }
}
