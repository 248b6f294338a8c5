package dev.ktrdr.training.mlp.tribuo;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.ModelException;
import dev.ktrdr.api.ProgressListener;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.training.mlp.MlpConfig;
import dev.ktrdr.training.mlp.MlpTrainer;
import dev.ktrdr.training.mlp.MlpTrainingResult;
import dev.ktrdr.training.mlp.SymbolRows;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.Trainer;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.provenance.impl.TrainerProvenanceImpl;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Tribuo {@code Trainer<Label>} for the ktrdr MLP. It converts the dataset to one dense feature matrix per
 * symbol (features in the feature map's id order; the symbol from the example metadata key
 * {@value #SYMBOL_METADATA}, or {@value #DEFAULT_SYMBOL} when absent) and trains through {@link MlpTrainer}, so
 * results equal the fast path's on the same rows. Label names must be BUY, HOLD or SELL (any case).
 *
 * <p>Every call with the same configuration and data gives the same weights: the seed is the configuration's,
 * not advanced per call; {@link #getInvocationCount()} only counts calls. The trainer settings are recorded in
 * the model provenance's instance values under {@code mlp.*}, with {@code ktrdr_version}.
 *
 * <p>Thread-safe.
 */
public final class MlpTribuoTrainer implements Trainer<org.tribuo.classification.Label> {
    /** The example metadata key holding the row's symbol. */
    public static final String SYMBOL_METADATA = "symbol";
    /** The symbol given to examples without symbol metadata. */
    public static final String DEFAULT_SYMBOL = "ALL";

    private final MlpConfig config;
    private final AtomicInteger invocations = new AtomicInteger();

    /** @param config the MLP settings */
    public MlpTribuoTrainer(MlpConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** @return the MLP settings */
    public MlpConfig config() {
        return config;
    }

    @Override
    public MlpTribuoModel train(Dataset<org.tribuo.classification.Label> examples) {
        return train(examples, Map.of());
    }

    @Override
    public MlpTribuoModel train(Dataset<org.tribuo.classification.Label> examples, Map<String, Provenance> runProvenance) {
        return train(examples, null, runProvenance);
    }

    /**
     * Trains with a validation set for early stopping.
     *
     * @param examples training examples
     * @param validation validation examples (same feature names), or null for none
     * @param runProvenance run-specific provenance to record
     * @return the model
     * @throws ConfigurationException when a label is not BUY, HOLD or SELL, or a symbol is invalid
     * @throws ModelException when there is nothing to train on
     */
    public MlpTribuoModel train(Dataset<org.tribuo.classification.Label> examples,
                                Dataset<org.tribuo.classification.Label> validation,
                                Map<String, Provenance> runProvenance) {
        invocations.incrementAndGet();
        ImmutableFeatureMap fmap = examples.getFeatureIDMap();
        List<String> names = new ArrayList<>(fmap.size());
        for (int id = 0; id < fmap.size(); id++) {
            names.add(fmap.get(id).getName());
        }
        FeatureSpec spec = new FeatureSpec(names);
        List<SymbolRows> train = toRows(examples, fmap, spec);
        List<SymbolRows> val = validation == null ? List.of() : toRows(validation, fmap, spec);
        MlpTrainingResult result = new MlpTrainer(config).train(train, val, null, null, ProgressListener.NONE);
        Map<String, Provenance> instance = new LinkedHashMap<>(runProvenance);
        for (Map.Entry<String, String> e : result.provenance().entrySet()) {
            if (e.getKey().startsWith("mlp.") || e.getKey().equals("ktrdr_version") || e.getKey().equals("best_epoch")) {
                instance.put(e.getKey(), new StringProvenance(e.getKey(), e.getValue()));
            }
        }
        ModelProvenance provenance = new ModelProvenance(MlpTribuoModel.class.getName(), OffsetDateTime.now(),
                examples.getProvenance(), getProvenance(), instance);
        return new MlpTribuoModel("ktrdr-mlp", provenance, fmap, examples.getOutputIDInfo(), result.model());
    }

    @Override
    public int getInvocationCount() {
        return invocations.get();
    }

    /** Sets the call counter; the weights do not depend on it (see the class comment). */
    @Override
    public void setInvocationCount(int invocationCount) {
        invocations.set(Math.max(0, invocationCount));
    }

    @Override
    public TrainerProvenance getProvenance() {
        return new TrainerProvenanceImpl(this);
    }

    @Override
    public String toString() {
        return "MlpTribuoTrainer" + config.describe();
    }

    static Optional<Symbol> symbolOf(Example<?> example) {
        return example.getMetadataValue(SYMBOL_METADATA).map(v -> Symbol.of(v.toString()));
    }

    private static List<SymbolRows> toRows(Dataset<org.tribuo.classification.Label> data, ImmutableFeatureMap fmap,
                                           FeatureSpec spec) {
        int f = fmap.size();
        Map<Symbol, List<double[]>> rows = new LinkedHashMap<>();
        Map<Symbol, List<Byte>> labels = new HashMap<>();
        int index = 0;
        for (Example<org.tribuo.classification.Label> ex : data) {
            double[] row = new double[f];
            for (Feature feat : ex) {
                int id = fmap.getID(feat.getName());
                if (id >= 0) {
                    row[id] = feat.getValue();
                }
            }
            String name = ex.getOutput().getLabel().toUpperCase(Locale.ROOT);
            byte cls;
            try {
                cls = (byte) Label.valueOf(name).index();
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("label", "example " + index + " has label '" + ex.getOutput().getLabel()
                        + "'; allowed: BUY, HOLD, SELL");
            }
            Symbol symbol = symbolOf(ex).orElse(Symbol.of(DEFAULT_SYMBOL));
            rows.computeIfAbsent(symbol, s -> new ArrayList<>()).add(row);
            labels.computeIfAbsent(symbol, s -> new ArrayList<>()).add(cls);
            index++;
        }
        List<SymbolRows> out = new ArrayList<>();
        for (Map.Entry<Symbol, List<double[]>> e : rows.entrySet()) {
            List<double[]> list = e.getValue();
            long[] times = new long[list.size()];
            double[] values = new double[list.size() * f];
            byte[] cls = new byte[list.size()];
            List<Byte> ls = labels.get(e.getKey());
            for (int r = 0; r < list.size(); r++) {
                // Tribuo examples carry no bar times: the row number stands in for the (unused) time
                times[r] = r;
                System.arraycopy(list.get(r), 0, values, r * f, f);
                cls[r] = ls.get(r);
            }
            out.add(new SymbolRows(new FeatureMatrix(e.getKey(), spec, times, values), cls));
        }
        return out;
    }
}
