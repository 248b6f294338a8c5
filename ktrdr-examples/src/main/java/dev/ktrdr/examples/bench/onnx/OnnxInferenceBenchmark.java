package dev.ktrdr.examples.bench.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.ktrdr.api.Deployment;
import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.ModelMetadata;
import dev.ktrdr.api.ModelScope;
import dev.ktrdr.api.StoredModel;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.training.mlp.Activation;
import dev.ktrdr.training.mlp.MlpArchitecture;
import dev.ktrdr.training.mlp.MlpCodec;
import dev.ktrdr.training.mlp.MlpModel;
import dev.ktrdr.training.mlp.StandardScaler;
import dev.ktrdr.training.mlp.SymbolEncoding;
import dev.ktrdr.training.onnx.OnnxExport;
import dev.ktrdr.training.onnx.OnnxModels;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * MLP inference latency per row: the library's {@link MlpModel#predict} against the same model exported to ONNX
 * ({@link OnnxExport}) and run in ONNX Runtime (one intra-op thread), one row per call and 256 rows per call.
 * The model has the README's training-benchmark shape: 81 fuzzy-membership-like features (about half zero),
 * a 3-dimensional symbol embedding over 5 symbols, hidden layers 64 and 32 (ReLU), random weights. The ONNX side
 * includes building the input tensors per call, as a host would.
 *
 * <p>ONNX Runtime is a {@code provided} dependency of ktrdr-examples (not in {@code ktrdr.jar}): run with its jar
 * on the class path, e.g.
 * {@code java -cp ktrdr-examples/target/ktrdr.jar:$HOME/.m2/repository/com/microsoft/onnxruntime/onnxruntime/1.22.0/onnxruntime-1.22.0.jar
 * org.openjdk.jmh.Main OnnxInferenceBenchmark -f 1 -wi 3 -i 5 -w 1 -r 2}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
public class OnnxInferenceBenchmark {
    static final int FEATURES = 81;
    static final int ROWS = 1024;
    static final int BATCH = 256;

    MlpModel model;
    double[][] rows;
    float[][] floatRows;
    Symbol[] symbols;
    String[] symbolNames;
    double[] probabilities = new double[Label.COUNT];
    OrtEnvironment env;
    OrtSession session;
    int next;

    @Setup(Level.Trial)
    public void setUp() throws OrtException {
        SplittableRandom r = new SplittableRandom(17);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < FEATURES; i++) {
            names.add("1h_f" + i);
        }
        List<Symbol> vocabulary = List.of(Symbol.of("EURUSD"), Symbol.of("GBPUSD"), Symbol.of("USDJPY"),
                Symbol.of("BTCUSDT"), Symbol.of("AAPL"));
        MlpArchitecture arch = new MlpArchitecture(new FeatureSpec(names),
                SymbolEncoding.of(SymbolEncoding.Kind.EMBEDDING, vocabulary, 3, 0.1), List.of(64, 32), Activation.RELU);
        float[] params = new float[arch.parameterCount()];
        for (int j = 0; j < params.length; j++) {
            params[j] = (float) r.nextDouble(-0.3, 0.3);
        }
        double[] mean = new double[FEATURES];
        double[] std = new double[FEATURES];
        for (int i = 0; i < FEATURES; i++) {
            mean[i] = r.nextDouble(0.2, 0.5);
            std[i] = r.nextDouble(0.2, 0.4);
        }
        model = new MlpModel(arch, new StandardScaler(mean, std), params, Map.of());
        rows = new double[ROWS][FEATURES];
        floatRows = new float[ROWS][FEATURES];
        symbols = new Symbol[ROWS];
        symbolNames = new String[ROWS];
        for (int k = 0; k < ROWS; k++) {
            for (int i = 0; i < FEATURES; i++) {
                double v = r.nextDouble() < 0.5 ? 0 : r.nextDouble();
                rows[k][i] = v;
                floatRows[k][i] = (float) v;
            }
            symbols[k] = vocabulary.get(r.nextInt(vocabulary.size()));
            symbolNames[k] = symbols[k].value();
        }
        Map<Symbol, Long> samples = new LinkedHashMap<>();
        vocabulary.forEach(s -> samples.put(s, 1000L));
        List<Timeframe> tfs = List.of(Timeframe.H1);
        ModelMetadata md = ModelMetadata.builder().strategy("bench").scope(ModelScope.UNIVERSAL).symbols(vocabulary)
                .samplesPerSymbol(samples).timeframes(tfs).baseTimeframe(Timeframe.H1).dataRange(null, null)
                .deployment(new Deployment(Deployment.Mode.UNIVERSAL, Set.of(), Set.of(), tfs))
                .architecture(new ModelMetadata.FeatureArchitecture(FEATURES, Map.of(Timeframe.H1, FEATURES), "embedding",
                        3, names))
                .format(MlpCodec.FORMAT_ID, 1).libraryVersion("bench").createdAt(Instant.EPOCH).build();
        StoredModel stored = new StoredModel(Path.of("bench", "universal_1h_v1"), 1, md, model);
        byte[] onnx = OnnxExport.defaults().export(stored).toByteArray();
        env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
        options.setInterOpNumThreads(1);
        session = env.createSession(onnx, options);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws OrtException {
        session.close();
    }

    /** The library, one row per call. */
    @Benchmark
    public void libraryRow(Blackhole bh) {
        int k = next++ & (ROWS - 1);
        model.predict(rows[k], symbols[k], probabilities);
        bh.consume(probabilities[0]);
    }

    /** ONNX Runtime, one row per call (tensors built per call). */
    @Benchmark
    public void onnxRuntimeRow(Blackhole bh) throws OrtException {
        int k = next++ & (ROWS - 1);
        try (OnnxTensor f = OnnxTensor.createTensor(env, new float[][] {floatRows[k]});
             OnnxTensor s = OnnxTensor.createTensor(env, new String[] {symbolNames[k]});
             OrtSession.Result out = session.run(Map.of(OnnxModels.FEATURES_INPUT, f, OnnxModels.SYMBOL_INPUT, s))) {
            bh.consume(((float[][]) out.get(0).getValue())[0][0]);
        }
    }

    /** The library, 256 rows per call; the time is per row. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void libraryBatch256(Blackhole bh) {
        int start = next & (ROWS - 1) & ~(BATCH - 1);
        next += BATCH;
        for (int k = start; k < start + BATCH; k++) {
            model.predict(rows[k], symbols[k], probabilities);
            bh.consume(probabilities[0]);
        }
    }

    /** ONNX Runtime, 256 rows per call; the time is per row. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void onnxRuntimeBatch256(Blackhole bh) throws OrtException {
        int start = next & (ROWS - 1) & ~(BATCH - 1);
        next += BATCH;
        float[][] f = java.util.Arrays.copyOfRange(floatRows, start, start + BATCH);
        String[] s = java.util.Arrays.copyOfRange(symbolNames, start, start + BATCH);
        try (OnnxTensor ft = OnnxTensor.createTensor(env, f);
             OnnxTensor st = OnnxTensor.createTensor(env, s);
             OrtSession.Result out = session.run(Map.of(OnnxModels.FEATURES_INPUT, ft, OnnxModels.SYMBOL_INPUT, st))) {
            bh.consume(((float[][]) out.get(0).getValue())[BATCH - 1][0]);
        }
    }
}
