package dev.ktrdr.training.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktrdr.api.ModelCodec;
import dev.ktrdr.api.TradingModel;
import dev.ktrdr.api.internal.ModelCodecs;
import dev.ktrdr.training.gbdt.GbdtCodec;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * LightGBM is an optional dependency of ktrdr-training: only the binding package
 * {@code dev.ktrdr.training.gbdt.lightgbm} needs it. In a class loader without the LightGBM jar, every class outside
 * that package links, an MLP strategy trains and round-trips, and decoding a stored tree model fails with one
 * {@link dev.ktrdr.api.ModelException} that names the artifact to add.
 */
class NoLightGbmAtRunTimeTest {
    private static final String BINDING_PACKAGE = "dev/ktrdr/training/gbdt/lightgbm/";

    /** Runs in the class loader without LightGBM: trains the MLP canary and round-trips its model. */
    public static final class MlpWorkflow implements Callable<String> {
        @Override
        public String call() {
            TradingModel model = StrategyTrainerTest.run("{source: zigzag, zigzag_threshold: 0.01, label_lookahead: 48}",
                    3, StrategyTrainerTest.randomWalks(3, 900)).result().artifacts().model();
            ModelCodec codec = ModelCodecs.forModel(model);
            return codec.formatId() + " " + codec.decode(codec.encode(model), codec.formatVersion()).featureSpec().size();
        }
    }

    /** Runs in the class loader without LightGBM: decodes tree model bytes made outside it. */
    public static final class TreeLoad implements Function<byte[], Object> {
        @Override
        public Object apply(byte[] bytes) {
            return ModelCodecs.forFormat(GbdtCodec.FORMAT_ID, GbdtCodec.CURRENT_VERSION, "test").decode(bytes,
                    GbdtCodec.CURRENT_VERSION);
        }
    }

    private static URLClassLoader withoutLightGbm() throws MalformedURLException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : cp.split(File.pathSeparator)) {
            String unix = entry.replace(File.separatorChar, '/');
            if (!entry.isEmpty() && !unix.contains("/com/microsoft/ml/lightgbm/")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    @Test
    void everyClassOutsideTheBindingLinksMlpsTrainAndATreeModelGetsOneClearError() throws Exception {
        byte[] tree = new GbdtCodec().encode(GbdtStrategyTrainerTest.run(GbdtStrategyTrainerTest.GBDT, 2).result()
                .artifacts().model());
        Path classes = Path.of(StrategyTrainer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names;
        try (Stream<Path> files = Files.walk(classes)) {
            names = files.map(p -> classes.relativize(p).toString().replace(File.separatorChar, '/'))
                    .filter(n -> n.endsWith(".class") && !n.startsWith(BINDING_PACKAGE) && !n.endsWith("package-info.class"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                    .toList();
        }
        assertThat(names).contains("dev.ktrdr.training.gbdt.GbdtCodec", "dev.ktrdr.training.gbdt.TreeBindings");
        try (URLClassLoader loader = withoutLightGbm()) {
            assertThatThrownBy(() -> Class.forName("com.microsoft.ml.lightgbm.lightgbmlib", false, loader))
                    .isInstanceOf(ClassNotFoundException.class);
            for (String name : names) {
                assertThat(Class.forName(name, true, loader).getClassLoader()).as(name).isSameAs(loader);
            }
            Thread t = Thread.currentThread();
            ClassLoader before = t.getContextClassLoader();
            t.setContextClassLoader(loader);
            try {
                Callable<?> mlp = (Callable<?>) Class.forName(MlpWorkflow.class.getName(), true, loader)
                        .getDeclaredConstructor().newInstance();
                assertThat(mlp.call()).asString().startsWith("ktrdr-mlp ");
                @SuppressWarnings("unchecked")
                Function<byte[], Object> load = (Function<byte[], Object>) Class.forName(TreeLoad.class.getName(), true,
                        loader).getDeclaredConstructor().newInstance();
                // the exception class is the isolated loader's own ModelException: compare by name
                assertThatThrownBy(() -> load.apply(tree))
                        .satisfies(e -> assertThat(e.getClass().getName()).isEqualTo("dev.ktrdr.api.ModelException"))
                        .hasMessage("loading model format 'ktrdr-gbdt' needs gradient-boosted trees (LightGBM), which are "
                                + "not on the class path: add com.microsoft.ml.lightgbm:lightgbmlib:3.3.510 to the host's "
                                + "dependencies");
            } finally {
                t.setContextClassLoader(before);
            }
        }
    }
}
