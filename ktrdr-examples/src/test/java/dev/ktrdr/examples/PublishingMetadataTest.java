package dev.ktrdr.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * Maven Central requires name, description, url, licenses, developers and scm in every published POM;
 * children inherit all but name and description from the root, so both levels are checked here.
 */
class PublishingMetadataTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> MODULES = List.of("ktrdr-api", "ktrdr-data", "ktrdr-indicators", "ktrdr-fuzzy",
            "ktrdr-training", "ktrdr-storage", "ktrdr-examples");

    private static Document parse(Path pom) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(pom.toFile());
    }

    private static String text(Document d, String xpath) throws Exception {
        return ((String) XPathFactory.newInstance().newXPath().evaluate(xpath, d, XPathConstants.STRING)).trim();
    }

    @Test
    void rootPomCarriesEverythingMavenCentralAsksFor() throws Exception {
        Document root = parse(ROOT.resolve("pom.xml"));
        assertThat(text(root, "/project/groupId")).isEqualTo("dev.ktrdr");
        for (String path : List.of("/project/name", "/project/description", "/project/url",
                "/project/licenses/license/name", "/project/licenses/license/url", "/project/developers/developer/name",
                "/project/scm/connection", "/project/scm/url", "/project/properties/project.build.outputTimestamp",
                "/project/properties/maven.compiler.release")) {
            assertThat(text(root, path)).as(path).isNotEmpty();
        }
        assertThat(text(root, "/project/licenses/license/name")).contains("Apache License, Version 2.0");
        assertThat(text(root, "/project/properties/maven.compiler.release")).isEqualTo("17");
        NodeList modules = (NodeList) XPathFactory.newInstance().newXPath()
                .evaluate("/project/modules/module", root, XPathConstants.NODESET);
        assertThat(modules.getLength()).isEqualTo(MODULES.size());
    }

    @Test
    void everyModuleHasNameDescriptionAndAutomaticModuleName() throws Exception {
        for (String module : MODULES) {
            Document pom = parse(ROOT.resolve(module).resolve("pom.xml"));
            assertThat(text(pom, "/project/name")).as(module).isEqualTo(module);
            assertThat(text(pom, "/project/description")).as(module).isNotEmpty();
            assertThat(text(pom, "/project/properties/ktrdr.module.name")).as(module)
                    .isEqualTo("dev.ktrdr." + module.substring("ktrdr-".length()));
        }
    }

    @Test
    void everyDependencyAndPluginVersionIsPinnedInTheRootPom() throws Exception {
        for (String module : MODULES) {
            String pom = Files.readString(ROOT.resolve(module).resolve("pom.xml"));
            // A <version> in a module pom outside <parent> and annotation processor paths would unpin it.
            String withoutParent = pom.replaceAll("(?s)<parent>.*?</parent>", "")
                    .replaceAll("(?s)<annotationProcessorPaths>.*?</annotationProcessorPaths>", "");
            assertThat(withoutParent).as(module).doesNotContain("<version>");
        }
    }
}
