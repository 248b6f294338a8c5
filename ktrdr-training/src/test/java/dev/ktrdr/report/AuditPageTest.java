package dev.ktrdr.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditPageTest {
    @TempDir
    Path dir;

    @Test
    void evidenceIsEscapedSoAHostileFileNameCannotInjectMarkup() throws IOException {
        Path index = AuditPage.write("s<1>", "fail", 1.25, List.of(
                new AuditPage.Section("data", "timeframes agree", "fail",
                        List.of("<img src=x onerror=alert(1)>_1d.csv: stamped one day early & more")),
                new AuditPage.Section("canary", "shuffled copies do not beat the baseline", "skipped", List.of())),
                dir.resolve("audit"));
        String html = Files.readString(index);
        assertThat(index).isEqualTo(dir.resolve("audit/index.html"));
        assertThat(html).doesNotContain("<img").doesNotContain("<1>")
                .contains("&lt;img src=x onerror=alert(1)&gt;_1d.csv: stamped one day early &amp; more")
                .contains("<title>Audit of s&lt;1&gt;: fail</title>")
                .contains("2 checks in 1.3 s.")
                .contains("<td class=\"fail\">fail</td>").contains("<td class=\"skipped\">skipped</td>")
                .contains("<p>No evidence lines.</p>");
    }
}
