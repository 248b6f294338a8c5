package dev.ktrdr.training.gbdt.lightgbm;

import dev.ktrdr.api.ModelException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * Loads LightGBM's two native libraries ({@code lib_lightgbm} and its SWIG wrapper) from the LightGBM jar, once per
 * class loader. The names are constants of this class, never input.
 */
final class NativeLibraries {
    private static boolean loaded;

    private NativeLibraries() {
    }

    /** @throws ModelException when this platform has no library in the jar or it cannot be loaded */
    static synchronized void load() {
        if (loaded) {
            return;
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!arch.equals("amd64") && !arch.equals("x86_64")) {
            throw new ModelException("LightGBM " + LightGbmBinding.VERSION + " ships native libraries for x86_64 only; "
                    + "this machine is " + arch);
        }
        String dir;
        List<String> names;
        if (os.contains("linux")) {
            dir = "linux";
            names = List.of("lib_lightgbm.so", "lib_lightgbm_swig.so");
        } else if (os.contains("mac")) {
            dir = "osx";
            names = List.of("lib_lightgbm.dylib", "lib_lightgbm_swig.dylib");
        } else if (os.contains("windows")) {
            dir = "windows";
            names = List.of("lib_lightgbm.dll", "lib_lightgbm_swig.dll");
        } else {
            throw new ModelException("LightGBM " + LightGbmBinding.VERSION + " has no native library for " + os);
        }
        try {
            Path tmp = Files.createTempDirectory("ktrdr-lightgbm");
            tmp.toFile().deleteOnExit();
            for (String name : names) {
                Path target = tmp.resolve(name);
                try (InputStream in = com.microsoft.ml.lightgbm.lightgbmlib.class.getResourceAsStream(
                        "/com/microsoft/ml/lightgbm/" + dir + "/x86_64/" + name)) {
                    if (in == null) {
                        throw new ModelException("the LightGBM jar has no " + dir + "/x86_64/" + name);
                    }
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                target.toFile().deleteOnExit();
                // the wrapper links against lib_lightgbm, which is therefore loaded first
                System.load(target.toAbsolutePath().toString());
            }
        } catch (IOException | UnsatisfiedLinkError e) {
            throw new ModelException("cannot load LightGBM's native library (" + dir + "/x86_64): " + e.getMessage()
                    + " (it needs libgomp, the GNU OpenMP runtime, on Linux)", e);
        }
        loaded = true;
    }
}
