package dev.ktrdr.training.gbdt.lightgbm;

import com.microsoft.ml.lightgbm.SWIGTYPE_p_double;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_int;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_long_long;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_p_void;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_void;
import com.microsoft.ml.lightgbm.lightgbmlib;
import com.microsoft.ml.lightgbm.lightgbmlibConstants;
import dev.ktrdr.api.ModelException;
import dev.ktrdr.training.gbdt.TreeBooster;
import java.lang.ref.Cleaner;
import java.nio.charset.StandardCharsets;

/**
 * A LightGBM booster loaded from its model text. Predictions go through {@code LGBM_BoosterPredictForMatSingleRow}
 * with preallocated native buffers, serialised per booster; the native memory is freed by a {@link Cleaner} when
 * the booster becomes unreachable.
 */
final class LightGbmBooster implements TreeBooster {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final int MAX_TEXT = 512 << 20;

    private final Handles handles;
    private final int columns;
    private final int rounds;
    private final byte[] text;
    private final double[] gain;

    /** The native state, freed by the cleaner (it must not refer to the booster). */
    private static final class Handles implements Runnable {
        final SWIGTYPE_p_void booster;
        final SWIGTYPE_p_double row;
        final SWIGTYPE_p_double out;
        final SWIGTYPE_p_long_long outLength = lightgbmlib.new_int64_tp();

        Handles(SWIGTYPE_p_void booster, int columns) {
            this.booster = booster;
            this.row = lightgbmlib.new_doubleArray(columns);
            this.out = lightgbmlib.new_doubleArray(LightGbmBinding.CLASSES);
        }

        @Override
        public void run() {
            lightgbmlib.LGBM_BoosterFree(booster);
            lightgbmlib.delete_doubleArray(row);
            lightgbmlib.delete_doubleArray(out);
            lightgbmlib.delete_int64_tp(outLength);
        }
    }

    private LightGbmBooster(Handles handles, int columns, int rounds, byte[] text, double[] gain) {
        this.handles = handles;
        this.columns = columns;
        this.rounds = rounds;
        this.text = text;
        this.gain = gain;
        CLEANER.register(this, handles);
    }

    /** The model text of the first {@code rounds} rounds of a booster. */
    static String text(SWIGTYPE_p_void booster, int rounds) {
        SWIGTYPE_p_long_long length = lightgbmlib.new_int64_tp();
        try {
            long buffer = 1 << 20;
            while (true) {
                String s = lightgbmlib.LGBM_BoosterSaveModelToStringSWIG(booster, 0, rounds, 0, buffer, length);
                long needed = LightGbmBinding.int64(length);
                if (s != null && needed <= buffer) {
                    return s;
                }
                if (needed > MAX_TEXT) {
                    throw new ModelException("the LightGBM model text would be " + needed + " bytes; at most " + MAX_TEXT);
                }
                buffer = needed;
            }
        } finally {
            lightgbmlib.delete_int64_tp(length);
        }
    }

    static LightGbmBooster load(String modelText, int columns) {
        SWIGTYPE_p_int iterations = lightgbmlib.new_intp();
        SWIGTYPE_p_int classes = lightgbmlib.new_intp();
        SWIGTYPE_p_int features = lightgbmlib.new_intp();
        SWIGTYPE_p_p_void out = lightgbmlib.new_voidpp();
        try {
            LightGbmBinding.check(lightgbmlib.LGBM_BoosterLoadModelFromString(modelText, iterations, out), "model load");
            SWIGTYPE_p_void booster = lightgbmlib.voidpp_value(out);
            Handles h = new Handles(booster, columns);
            try {
                LightGbmBinding.check(lightgbmlib.LGBM_BoosterGetNumClasses(booster, classes), "class count");
                LightGbmBinding.check(lightgbmlib.LGBM_BoosterGetNumFeature(booster, features), "feature count");
                if (lightgbmlib.intp_value(classes) != LightGbmBinding.CLASSES || lightgbmlib.intp_value(features) != columns) {
                    throw new ModelException("the LightGBM model has " + lightgbmlib.intp_value(classes) + " classes and "
                            + lightgbmlib.intp_value(features) + " input columns; expected " + LightGbmBinding.CLASSES
                            + " and " + columns);
                }
                int rounds = lightgbmlib.intp_value(iterations);
                double[] gain = new double[columns];
                SWIGTYPE_p_double g = lightgbmlib.new_doubleArray(columns);
                try {
                    LightGbmBinding.check(lightgbmlib.LGBM_BoosterFeatureImportance(booster, -1,
                            lightgbmlibConstants.C_API_FEATURE_IMPORTANCE_GAIN, g), "gain importance");
                    for (int i = 0; i < columns; i++) {
                        gain[i] = lightgbmlib.doubleArray_getitem(g, i);
                    }
                } finally {
                    lightgbmlib.delete_doubleArray(g);
                }
                return new LightGbmBooster(h, columns, rounds, modelText.getBytes(StandardCharsets.UTF_8), gain);
            } catch (RuntimeException e) {
                h.run();
                throw e;
            }
        } finally {
            lightgbmlib.delete_intp(iterations);
            lightgbmlib.delete_intp(classes);
            lightgbmlib.delete_intp(features);
            lightgbmlib.delete_voidpp(out);
        }
    }

    @Override
    public int columns() {
        return columns;
    }

    @Override
    public int rounds() {
        return rounds;
    }

    @Override
    public synchronized void predict(double[] row, double[] probabilities) {
        for (int i = 0; i < columns; i++) {
            lightgbmlib.doubleArray_setitem(handles.row, i, row[i]);
        }
        LightGbmBinding.check(lightgbmlib.LGBM_BoosterPredictForMatSingleRow(handles.booster,
                lightgbmlib.double_to_voidp_ptr(handles.row), lightgbmlibConstants.C_API_DTYPE_FLOAT64, columns, 1,
                lightgbmlibConstants.C_API_PREDICT_NORMAL, 0, -1, "num_threads=1", handles.outLength, handles.out),
                "prediction");
        for (int k = 0; k < LightGbmBinding.CLASSES; k++) {
            probabilities[k] = lightgbmlib.doubleArray_getitem(handles.out, k);
        }
    }

    @Override
    public double[] gainImportance() {
        return gain.clone();
    }

    @Override
    public byte[] modelBytes() {
        return text.clone();
    }
}
