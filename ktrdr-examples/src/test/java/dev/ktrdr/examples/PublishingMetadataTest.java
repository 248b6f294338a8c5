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
 * children inherit all but name and description from the root, so both levels are checked here. The release
 * profile publishes the library modules only, signs only when a key is named, and a host that depends on a
 * library module gets no benchmark, command-line or test library. {@code .ci/release-dry-run} builds and checks
 * the staged bundle itself.
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

    private static final List<String> LIBRARY_MODULES = MODULES.subList(0, MODULES.size() - 1);
    /** Artifacts a library module may use in its tests only. */
    private static final List<String> TEST_ONLY = List.of("jmh-core", "jmh-generator-annprocess", "ta-lib", "ta4j-core",
            "picocli", "progressbar", "slf4j-simple", "slf4j-nop", "junit-jupiter", "assertj-core", "quicktheories");

    private static NodeList nodes(Document d, String xpath) throws Exception {
        return (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, d, XPathConstants.NODESET);
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

    @Test
    void libraryModulesKeepBenchmarkCommandLineAndTestLibrariesOffTheirRuntimeClassPath() throws Exception {
        assertThat(LIBRARY_MODULES).doesNotContain("ktrdr-examples").hasSize(6);
        for (String module : LIBRARY_MODULES) {
            Document pom = parse(ROOT.resolve(module).resolve("pom.xml"));
            for (String artifact : TEST_ONLY) {
                String scope = text(pom, "/project/dependencies/dependency[artifactId='" + artifact + "']/scope");
                if (nodes(pom, "/project/dependencies/dependency[artifactId='" + artifact + "']").getLength() > 0) {
                    assertThat(scope).as(module + " " + artifact).isEqualTo("test");
                }
            }
        }
        // the Tribuo adapter's libraries reach only hosts that declare them
        Document training = parse(ROOT.resolve("ktrdr-training").resolve("pom.xml"));
        NodeList adapter = nodes(training, "/project/dependencies/dependency[groupId='org.tribuo' or "
                + "groupId='com.oracle.labs.olcut' or groupId='com.google.protobuf']");
        assertThat(adapter.getLength()).isPositive();
        for (int i = 0; i < adapter.getLength(); i++) {
            assertThat(text(training, "/project/dependencies/dependency[groupId='org.tribuo' or "
                    + "groupId='com.oracle.labs.olcut' or groupId='com.google.protobuf'][" + (i + 1) + "]/optional"))
                    .isEqualTo("true");
        }
        // so do LightGBM's jar and native libraries (model.type gbdt)
        assertThat(text(training, "/project/dependencies/dependency[artifactId='lightgbmlib']/optional")).isEqualTo("true");
        Document root = parse(ROOT.resolve("pom.xml"));
        assertThat(nodes(root, "//dependency[artifactId='tribuo-math' or artifactId='tribuo-classification-sgd']")
                .getLength()).isZero();
    }

    @Test
    void releaseProfilePublishesTheLibraryModulesToCentralAndSignsOnlyWithAKey() throws Exception {
        Document root = parse(ROOT.resolve("pom.xml"));
        String central = "/project/profiles/profile[id='release']/build/plugins/plugin[artifactId='central-publishing-maven-plugin']";
        assertThat(text(root, central + "/groupId")).isEqualTo("org.sonatype.central");
        assertThat(text(root, central + "/extensions")).isEqualTo("true");
        assertThat(text(root, central + "/configuration/excludeArtifacts/artifact")).isEqualTo("ktrdr-examples");
        assertThat(text(root, central + "/configuration/autoPublish")).isEqualTo("false");
        assertThat(text(root, "/project/build/pluginManagement/plugins/plugin[artifactId='central-publishing-maven-plugin']/version"))
                .isNotEmpty();
        for (String attached : List.of("maven-source-plugin", "maven-javadoc-plugin", "maven-gpg-plugin")) {
            assertThat(nodes(root, "/project/profiles/profile[id='release']/build/plugins/plugin[artifactId='" + attached + "']")
                    .getLength()).as(attached).isEqualTo(1);
        }
        assertThat(text(root, "/project/properties/gpg.skip")).isEqualTo("true");
        assertThat(text(root, "/project/profiles/profile[id='sign']/activation/property/name")).isEqualTo("gpg.keyname");
        assertThat(text(root, "/project/profiles/profile[id='sign']/properties/gpg.skip")).isEqualTo("false");
        // the dry run uploads nothing and installs nothing
        assertThat(text(root, "/project/profiles/profile[id='dry-run']/activation/property/name")).isEqualTo("dryRun");
        assertThat(text(root, "/project/profiles/profile[id='dry-run']/properties/skipUpload")).isEqualTo("true");
        assertThat(text(root, "/project/profiles/profile[id='dry-run']/properties/maven.install.skip")).isEqualTo("true");
        Document examples = parse(ROOT.resolve("ktrdr-examples").resolve("pom.xml"));
        assertThat(text(examples, "/project/properties/maven.deploy.skip")).isEqualTo("true");
        assertThat(Files.readString(ROOT.resolve(".ci/release-dry-run"))).contains("-Prelease -DdryRun");
    }
}
