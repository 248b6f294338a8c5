package dev.ktrdr.training.gbdt.lightgbm;

import com.microsoft.ml.lightgbm.SWIGTYPE_p_double;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_float;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_int;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_long_long;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_p_void;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_void;
import com.microsoft.ml.lightgbm.lightgbmlib;
import com.microsoft.ml.lightgbm.lightgbmlibConstants;
import dev.ktrdr.api.ModelException;
import dev.ktrdr.training.gbdt.GbdtConfig;
import dev.ktrdr.training.gbdt.TreeBinding;
import dev.ktrdr.training.gbdt.TreeBooster;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * LightGBM {@value #VERSION} through its C API: multiclass objective (softmax over 3 classes), weighted
 * multiclass log loss on the training and validation rows per round, {@code deterministic=true} with row-wise
 * histograms, so that the same rows, settings and seed give the same model text whatever the thread count.
 *
 * <p>Thread-safe: every training run and booster owns its native handles.
 */
public final class LightGbmBinding implements TreeBinding {
    /** The LightGBM version this binding is built and tested against. */
    public static final String VERSION = "3.3.510";
    static final int CLASSES = 3;

    /** Loads the native libraries. */
    public LightGbmBinding() {
        NativeLibraries.load();
    }

    @Override
    public String version() {
        return "lightgbm " + VERSION;
    }

    static void check(int rc, String what) {
        if (rc != 0) {
            throw new ModelException("LightGBM " + what + " failed: " + lightgbmlib.LGBM_GetLastError());
        }
    }

    static String parameters(GbdtConfig c) {
        return String.format(Locale.ROOT, "objective=multiclass num_class=%d learning_rate=%s num_leaves=%d max_depth=%d "
                        + "min_data_in_leaf=%d feature_fraction=%s seed=%d deterministic=true force_row_wise=true "
                        + "num_threads=%d verbosity=-1 metric=multi_logloss is_provide_training_metric=true",
                CLASSES, Double.toString(c.learningRate()), c.numLeaves(), c.maxDepth() == 0 ? -1 : c.maxDepth(),
                c.minDataInLeaf(), Double.toString(c.featureFraction()), c.seed(), c.threads());
    }

    @Override
    public Training start(Dataset train, Dataset validation, GbdtConfig config) {
        return new Run(train, validation, config);
    }

    @Override
    public TreeBooster load(byte[] modelBytes, int columns) {
        return LightGbmBooster.load(new String(modelBytes, StandardCharsets.UTF_8), columns);
    }

    private static SWIGTYPE_p_void dataset(Dataset d, String params, SWIGTYPE_p_void reference) {
        long cells = (long) d.rows() * d.columns();
        SWIGTYPE_p_double values = lightgbmlib.new_doubleArray(cells);
        SWIGTYPE_p_float labels = lightgbmlib.new_floatArray(d.rows());
        SWIGTYPE_p_float weights = lightgbmlib.new_floatArray(d.rows());
        SWIGTYPE_p_p_void out = lightgbmlib.new_voidpp();
        try {
            for (int i = 0; i < cells; i++) {
                lightgbmlib.doubleArray_setitem(values, i, d.value(i));
            }
            for (int i = 0; i < d.rows(); i++) {
                lightgbmlib.floatArray_setitem(labels, i, d.label(i));
                lightgbmlib.floatArray_setitem(weights, i, d.weight(i));
            }
            check(lightgbmlib.LGBM_DatasetCreateFromMat(lightgbmlib.double_to_voidp_ptr(values),
                    lightgbmlibConstants.C_API_DTYPE_FLOAT64, d.rows(), d.columns(), 1, params, reference, out), "dataset");
            SWIGTYPE_p_void handle = lightgbmlib.voidpp_value(out);
            check(lightgbmlib.LGBM_DatasetSetField(handle, "label", lightgbmlib.float_to_voidp_ptr(labels), d.rows(),
                    lightgbmlibConstants.C_API_DTYPE_FLOAT32), "labels");
            check(lightgbmlib.LGBM_DatasetSetField(handle, "weight", lightgbmlib.float_to_voidp_ptr(weights), d.rows(),
                    lightgbmlibConstants.C_API_DTYPE_FLOAT32), "weights");
            return handle;
        } finally {
            // LightGBM copies values into its bins and the fields into its own arrays
            lightgbmlib.delete_doubleArray(values);
            lightgbmlib.delete_floatArray(labels);
            lightgbmlib.delete_floatArray(weights);
            lightgbmlib.delete_voidpp(out);
        }
    }

    /** One training run. */
    private static final class Run implements Training {
        private final int columns;
        private SWIGTYPE_p_void train;
        private SWIGTYPE_p_void validation;
        private SWIGTYPE_p_void booster;
        private final SWIGTYPE_p_int finished = lightgbmlib.new_intp();
        private final SWIGTYPE_p_int evalCount = lightgbmlib.new_intp();
        private final SWIGTYPE_p_double eval = lightgbmlib.new_doubleArray(8);

        Run(Dataset trainRows, Dataset validationRows, GbdtConfig config) {
            columns = trainRows.columns();
            String params = parameters(config);
            train = dataset(trainRows, params, null);
            validation = validationRows == null ? null : dataset(validationRows, params, train);
            SWIGTYPE_p_p_void out = lightgbmlib.new_voidpp();
            try {
                check(lightgbmlib.LGBM_BoosterCreate(train, params, out), "booster");
                booster = lightgbmlib.voidpp_value(out);
            } finally {
                lightgbmlib.delete_voidpp(out);
            }
            if (validation != null) {
                check(lightgbmlib.LGBM_BoosterAddValidData(booster, validation), "validation data");
            }
        }

        @Override
        public void round(double[] losses) {
            check(lightgbmlib.LGBM_BoosterUpdateOneIter(booster, finished), "boosting round");
            check(lightgbmlib.LGBM_BoosterGetEval(booster, 0, evalCount, eval), "training loss");
            losses[0] = lightgbmlib.doubleArray_getitem(eval, 0);
            if (validation != null) {
                check(lightgbmlib.LGBM_BoosterGetEval(booster, 1, evalCount, eval), "validation loss");
                losses[1] = lightgbmlib.doubleArray_getitem(eval, 0);
            } else {
                losses[1] = Double.NaN;
            }
        }

        @Override
        public TreeBooster finish(int rounds) {
            return LightGbmBooster.load(LightGbmBooster.text(booster, rounds), columns);
        }

        @Override
        public void close() {
            if (booster != null) {
                lightgbmlib.LGBM_BoosterFree(booster);
                booster = null;
            }
            if (validation != null) {
                lightgbmlib.LGBM_DatasetFree(validation);
                validation = null;
            }
            if (train != null) {
                lightgbmlib.LGBM_DatasetFree(train);
                train = null;
            }
            lightgbmlib.delete_intp(finished);
            lightgbmlib.delete_intp(evalCount);
            lightgbmlib.delete_doubleArray(eval);
        }
    }

    static long int64(SWIGTYPE_p_long_long p) {
        return lightgbmlib.int64_tp_value(p);
    }
}
