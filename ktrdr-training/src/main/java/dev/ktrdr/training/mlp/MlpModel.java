package dev.ktrdr.training.mlp;

import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.ModelException;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.TradingModel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A trained MLP as a {@link TradingModel}: raw features are standardised by the scaler fitted on the training
 * split, the symbol is encoded (an unseen symbol takes the unknown slot), and the network gives BUY / HOLD /
 * SELL probabilities.
 *
 * <p>Immutable and safe for concurrent prediction: each thread predicts in its own scratch memory (a
 * {@link ThreadLocal} allocated on the thread's first call), so {@link #predict(double[], Symbol, double[])}
 * allocates nothing after that.
 */
public final class MlpModel implements TradingModel {
    private final MlpArchitecture architecture;
    private final StandardScaler scaler;
    private final float[] parameters;
    private final Map<String, String> provenance;
    private final MlpNetwork network;
    private final float[][] rows;
    private final Map<Symbol, Integer> slots;
    private final ThreadLocal<MlpNetwork.Workspace> scratch;

    /**
     * @param architecture the network shape
     * @param scaler the scaler fitted on the training rows, one entry per feature
     * @param parameters the flat parameters in {@link MlpArchitecture}'s layout (copied)
     * @param provenance how the model was made (see {@link MlpProvenance}); copied
     * @throws ModelException when the sizes disagree or a parameter is not finite
     */
    public MlpModel(MlpArchitecture architecture, StandardScaler scaler, float[] parameters,
                    Map<String, String> provenance) {
        this.architecture = Objects.requireNonNull(architecture, "architecture");
        this.scaler = Objects.requireNonNull(scaler, "scaler");
        this.parameters = parameters.clone();
        this.provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
        if (scaler.size() != architecture.features()) {
            throw new ModelException("the scaler has " + scaler.size() + " features but the network has "
                    + architecture.features());
        }
        if (this.parameters.length != architecture.parameterCount()) {
            throw new ModelException("the network needs " + architecture.parameterCount() + " parameters, got "
                    + this.parameters.length);
        }
        for (int j = 0; j < this.parameters.length; j++) {
            if (!Float.isFinite(this.parameters[j])) {
                throw new ModelException("parameter " + j + " of the network is " + this.parameters[j]);
            }
        }
        this.network = new MlpNetwork(architecture);
        this.rows = network.unflatten(this.parameters);
        this.slots = architecture.encoding().slotMap();
        this.scratch = ThreadLocal.withInitial(() -> new MlpNetwork.Workspace(network, 1, false, false));
    }

    @Override
    public FeatureSpec featureSpec() {
        return architecture.featureSpec();
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when an array has the wrong length or a feature is NaN or infinite
     *     (naming the feature)
     */
    @Override
    public void predict(double[] features, Symbol symbol, double[] probabilities) {
        int f = architecture.features();
        if (features.length != f) {
            throw new IllegalArgumentException("the model expects " + f + " features, got " + features.length);
        }
        if (probabilities.length != Label.COUNT) {
            throw new IllegalArgumentException("probabilities must have length " + Label.COUNT + ", got "
                    + probabilities.length);
        }
        for (int i = 0; i < f; i++) {
            if (!Double.isFinite(features[i])) {
                throw new IllegalArgumentException("feature '" + architecture.featureSpec().names().get(i) + "' is "
                        + features[i]);
            }
        }
        MlpNetwork.Workspace ws = scratch.get();
        scaler.transform(features, 0, ws.x[0][0], 0);
        network.writeSymbolColumns(rows, ws, 0, slotOf(symbol));
        network.predictRow(rows, ws, probabilities);
    }

    /**
     * @param symbol a symbol, or null
     * @return its slot in the encoding; the unknown slot for a symbol not trained on
     */
    public int slotOf(Symbol symbol) {
        Integer s = symbol == null ? null : slots.get(symbol);
        return s == null ? architecture.encoding().unknownSlot() : s;
    }

    /**
     * @param symbol a symbol
     * @return true when the model was trained on it
     */
    public boolean knows(Symbol symbol) {
        return slots.containsKey(symbol);
    }

    /** @return the network shape */
    public MlpArchitecture architecture() {
        return architecture;
    }

    /** @return the symbol encoding */
    public SymbolEncoding encoding() {
        return architecture.encoding();
    }

    /** @return the scaler fitted on the training rows */
    public StandardScaler scaler() {
        return scaler;
    }

    /** @return a copy of the flat parameters */
    public float[] parameters() {
        return parameters.clone();
    }

    /** @return how the model was made */
    public Map<String, String> provenance() {
        return provenance;
    }

    /**
     * The learned embedding vector of a symbol (for distance and PCA analysis).
     *
     * @param symbol a symbol; one not trained on gives the unknown slot's vector
     * @return a copy of the vector
     * @throws IllegalStateException when the encoding is not an embedding
     */
    public double[] embedding(Symbol symbol) {
        if (network.embDim == 0) {
            throw new IllegalStateException("the model has no embedding (encoding " + encoding().kind().id() + ")");
        }
        float[] e = rows[network.embRow + slotOf(symbol)];
        double[] v = new double[e.length];
        for (int j = 0; j < v.length; j++) {
            v[j] = e[j];
        }
        return v;
    }

    /**
     * The symbol columns of the network input per slot, for export (ONNX): row {@code s} holds exactly the
     * values {@link #predict} writes after the scaled features for slot {@code s} (one-hot indicators, the slot
     * number, or the learned embedding vector); the last row is the unknown-symbol slot.
     *
     * @return a new {@code [vocabulary + 1][encoding().columns()]} table; no rows for encoding {@code none}
     */
    public float[][] symbolTable() {
        SymbolEncoding e = encoding();
        if (e.kind() == SymbolEncoding.Kind.NONE) {
            return new float[0][];
        }
        int cols = e.columns();
        float[][] table = new float[e.unknownSlot() + 1][];
        MlpNetwork.Workspace ws = new MlpNetwork.Workspace(network, 1, false, false);
        for (int s = 0; s < table.length; s++) {
            network.writeSymbolColumns(rows, ws, 0, s);
            table[s] = java.util.Arrays.copyOfRange(ws.x[0][0], architecture.features(), architecture.features() + cols);
        }
        return table;
    }

    /**
     * The weights and biases of one layer, for export (ONNX) and analysis.
     *
     * @param layer weight layer index, 0 .. hidden layer count
     * @return a copy, input-major: {@code [in][out]} weights; use {@link #biases(int)} for the biases
     */
    public float[][] weights(int layer) {
        int in = network.sizes[layer];
        float[][] w = new float[in][];
        for (int i = 0; i < in; i++) {
            w[i] = rows[network.wRow[layer] + i].clone();
        }
        return w;
    }

    /**
     * @param layer weight layer index, 0 .. hidden layer count
     * @return a copy of that layer's biases
     */
    public float[] biases(int layer) {
        return rows[network.bRow[layer]].clone();
    }

    /** @return the parameters shared without copy, for this package's codec and trainers */
    float[] parametersUnsafe() {
        return parameters;
    }

    MlpNetwork network() {
        return network;
    }

    float[][] rows() {
        return rows;
    }

    @Override
    public String toString() {
        return "MlpModel[" + java.util.Arrays.toString(architecture.layerSizes()) + ", " + architecture.activation().id()
                + ", encoding " + encoding().kind().id() + "]";
    }
}
