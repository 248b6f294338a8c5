package dev.ktrdr.training.gbdt;

import dev.ktrdr.api.ModelException;

/**
 * Finds the native tree binding. LightGBM is an optional dependency of ktrdr-training: a host that neither trains
 * nor loads tree models does not need it, and one that does gets one clear error naming the artifact to add.
 *
 * <p>Thread-safe.
 */
public final class TreeBindings {
    /** The Maven coordinates of the binding, named in the error when it is missing. */
    public static final String ARTIFACT = "com.microsoft.ml.lightgbm:lightgbmlib:3.3.510";
    private static volatile TreeBinding binding;

    private TreeBindings() {
    }

    /**
     * @param what what needs the binding, for the message (e.g. {@code "loading model format 'ktrdr-gbdt'"})
     * @return the binding
     * @throws ModelException when LightGBM is not on the class path or its native library cannot be loaded
     */
    public static TreeBinding require(String what) {
        TreeBinding b = binding;
        if (b != null) {
            return b;
        }
        synchronized (TreeBindings.class) {
            if (binding == null) {
                try {
                    binding = new dev.ktrdr.training.gbdt.lightgbm.LightGbmBinding();
                } catch (LinkageError e) {
                    throw new ModelException(what + " needs gradient-boosted trees (LightGBM), which are not on the "
                            + "class path: add " + ARTIFACT + " to the host's dependencies", e);
                }
            }
            return binding;
        }
    }
}
