package dev.ktrdr.training.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktrdr.api.ModelCodec;
import dev.ktrdr.api.internal.ModelCodecs;
import dev.ktrdr.api.TradingModel;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Tribuo (and with it OLCUT and protobuf) is an optional dependency of ktrdr-training: only the adapter package
 * {@code dev.ktrdr.training.mlp.tribuo} and the ONNX export {@code dev.ktrdr.training.onnx} need it. This test runs in
 * a class loader whose class path is the test class path without those jars, links every class outside those
 * packages (the SDK facade among them) and trains, stores and reads back a strategy model there, so a host that
 * neither uses the adapter nor exports to ONNX does not need them.
 */
class NoTribuoAtRunTimeTest {
    private static final List<String> ADAPTER_ONLY = List.of("/org/tribuo/", "/com/oracle/labs/", "/com/google/protobuf/");
    /**
     * The packages that need Tribuo: the adapter, and the ONNX exports (MLP and trees) built with Tribuo's ONNX
     * helpers.
     */
    private static final List<String> ADAPTER_PACKAGES = List.of("dev/ktrdr/training/mlp/tribuo/",
            "dev/ktrdr/training/onnx/", "dev/ktrdr/training/gbdt/onnx/");

    /** Runs in the class loader without Tribuo: trains the canary strategy and round-trips its model. */
    public static final class Workflow implements Callable<String> {
        @Override
        public String call() {
            StrategyTrainer.Run r = StrategyTrainerTest.run(
                    "{source: zigzag, zigzag_threshold: 0.01, label_lookahead: 48}", 3, StrategyTrainerTest.randomWalks(3, 900));
            TradingModel model = r.result().artifacts().model();
            ModelCodec codec = ModelCodecs.forModel(model);
            TradingModel back = codec.decode(codec.encode(model), codec.formatVersion());
            return codec.formatId() + " " + back.featureSpec().names().size();
        }
    }

    private static URLClassLoader withoutTribuo() throws MalformedURLException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : cp.split(File.pathSeparator)) {
            String unix = entry.replace(File.separatorChar, '/');
            if (!entry.isEmpty() && ADAPTER_ONLY.stream().noneMatch(unix::contains)) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    @Test
    void everyClassOutsideTheAdapterLinksAndAStrategyTrainsWithoutTribuoOnTheClassPath() throws Exception {
        Path classes = Path.of(StrategyTrainer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names;
        try (Stream<Path> files = Files.walk(classes)) {
            names = files.map(p -> classes.relativize(p).toString().replace(File.separatorChar, '/'))
                    .filter(n -> n.endsWith(".class") && ADAPTER_PACKAGES.stream().noneMatch(n::startsWith) && !n.endsWith("package-info.class"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                    .toList();
        }
        assertThat(names).contains(StrategyTrainer.class.getName(), "dev.ktrdr.training.mlp.MlpTrainer");
        try (URLClassLoader loader = withoutTribuo()) {
            assertThatThrownBy(() -> Class.forName("org.tribuo.Trainer", false, loader))
                    .isInstanceOf(ClassNotFoundException.class);
            for (String name : names) {
                // initialising links and verifies the class, which loads every type its verifier needs
                assertThat(Class.forName(name, true, loader).getClassLoader()).as(name).isSameAs(loader);
            }
            Thread t = Thread.currentThread();
            ClassLoader before = t.getContextClassLoader();
            t.setContextClassLoader(loader);
            try {
                Callable<?> workflow = (Callable<?>) Class.forName(Workflow.class.getName(), true, loader)
                        .getDeclaredConstructor().newInstance();
                assertThat(workflow.call()).asString().startsWith("ktrdr-mlp ");
            } finally {
                t.setContextClassLoader(before);
            }
        }
    }
}
