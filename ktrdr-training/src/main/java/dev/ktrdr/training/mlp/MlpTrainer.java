package dev.ktrdr.training.mlp;

import dev.ktrdr.api.internal.BalancedMultiSymbolSampler;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.ModelException;
import dev.ktrdr.api.ProgressListener;
import dev.ktrdr.api.Symbol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Trains an {@link MlpModel} straight from feature matrices and labels (the fast path; the Tribuo trainer in
 * {@code dev.ktrdr.training.mlp.tribuo} builds on it).
 *
 * <p>What a run does: rows labelled {@link Label#NONE} are dropped; a {@link StandardScaler} is fitted on the
 * training rows only and applied to training and validation rows; the vocabulary is the training symbols in
 * the order given; every epoch takes its mini-batches from the batch plan (global row indices into the
 * concatenation of the training symbols' kept rows, the contract of {@link BalancedMultiSymbolSampler}); after
 * each epoch the validation loss decides early stopping (patience, min_delta), and at the end the model holds
 * a deep copy of the weights of the best validation epoch, not the last.
 *
 * <p>Deterministic: one {@link SplittableRandom} seeded from the configuration is split once per purpose
 * (initial weights, dropout, symbol dropout, default shuffling), so the same configuration and data give
 * bit-identical weights. With {@code threads = T > 1} each batch is split into T contiguous parts whose
 * gradients are computed in parallel and summed in part order: deterministic too (the same seed and thread
 * count give bit-identical weights), but not identical to a run on another thread count (float sums in
 * another grouping, and each part draws its own dropout stream).
 *
 * <p>Immutable and thread-safe; separate calls run independently.
 */
public final class MlpTrainer {
    private static final int EVAL_BATCH = 512;

    /** {@link #withInHeapBudget} default: a quarter of the JVM's maximum heap. */
    public static final long AUTO_IN_HEAP_BUDGET = -1;

    private final MlpConfig config;
    private final long inHeapBudget;

    /** @param config the settings */
    public MlpTrainer(MlpConfig config) {
        this(config, AUTO_IN_HEAP_BUDGET);
    }

    private MlpTrainer(MlpConfig config, long inHeapBudget) {
        this.config = Objects.requireNonNull(config, "config");
        this.inHeapBudget = inHeapBudget;
    }

    /**
     * How many bytes of scaled rows {@link #trainStreaming} may copy into the heap: when the training and the
     * validation rows together take no more than this as float32 ({@code rows × features × 4}), they are read
     * from their sources once, scaled and kept in one array each, as {@link #train} keeps them, and every
     * mini-batch is gathered from there; above it, every mini-batch and validation pass reads the sources
     * (memory-mapped shards) again. Both ways give bit-identical weights (the same values go through the same
     * scaling); the first is faster while it fits, because a random row of a column-wise shard touches one
     * cache line and page per feature.
     *
     * @param bytes the budget; 0 always streams; {@link #AUTO_IN_HEAP_BUDGET} is a quarter of
     *     {@code Runtime.maxMemory()}
     * @return a trainer with that budget
     * @throws IllegalArgumentException when below -1
     */
    public MlpTrainer withInHeapBudget(long bytes) {
        if (bytes < AUTO_IN_HEAP_BUDGET) {
            throw new IllegalArgumentException("in-heap budget " + bytes + " is not -1 (auto) or in [0, 2^63-1]");
        }
        return new MlpTrainer(config, bytes);
    }

    /** @return the settings */
    public MlpConfig config() {
        return config;
    }

    /**
     * Trains with the default shuffled batch plan ({@link ShuffledBatches}) and no strategy text.
     *
     * @param training training rows per symbol (at least one labelled row)
     * @param validation validation rows per symbol; may be empty (then no early stopping)
     * @return the model and its history
     */
    public MlpTrainingResult train(List<SymbolRows> training, List<SymbolRows> validation) {
        return train(training, validation, null, null, ProgressListener.NONE);
    }

    /**
     * Trains the model.
     *
     * @param training training rows per symbol, in the order the sampler numbers them; at least one labelled
     *     row; all with the same feature spec
     * @param validation validation rows per symbol (any symbols); may be empty (then no early stopping)
     * @param sampler the batch plan per epoch, or null for {@link ShuffledBatches} seeded from the config
     * @param strategyText the exact strategy text for provenance, or null
     * @param progress receives one {@code "epoch"} event per epoch
     * @return the model, the per-epoch history and the provenance
     * @throws ModelException when there is nothing to train on, the specs differ, or the plan names a row that
     *     does not exist
     */
    public MlpTrainingResult train(List<SymbolRows> training, List<SymbolRows> validation,
                                   BalancedMultiSymbolSampler sampler, String strategyText, ProgressListener progress) {
        return train(training, validation, sampler, strategyText, progress, EpochListener.NONE);
    }

    /**
     * Trains the model, reporting each epoch to a listener as well (validation predictions come from the
     * epoch's validation pass, so the listener costs no extra pass).
     *
     * @param training training rows per symbol, in the order the sampler numbers them; at least one labelled
     *     row; all with the same feature spec
     * @param validation validation rows per symbol (any symbols); may be empty (then no early stopping)
     * @param sampler the batch plan per epoch, or null for {@link ShuffledBatches} seeded from the config
     * @param strategyText the exact strategy text for provenance, or null
     * @param progress receives one {@code "epoch"} event per epoch
     * @param epochs receives every finished epoch, after its validation pass
     * @return the model, the per-epoch history and the provenance
     * @throws ModelException when there is nothing to train on, the specs differ, or the plan names a row that
     *     does not exist
     */
    public MlpTrainingResult train(List<SymbolRows> training, List<SymbolRows> validation,
                                   BalancedMultiSymbolSampler sampler, String strategyText, ProgressListener progress,
                                   EpochListener epochs) {
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(epochs, "epochs");
        if (training.isEmpty()) {
            throw new ModelException("no training rows: the training list is empty");
        }
        FeatureSpec spec = training.get(0).features().spec();
        for (SymbolRows r : training) {
            requireSpec(spec, r, "training");
        }
        for (SymbolRows r : validation) {
            requireSpec(spec, r, "validation");
        }
        List<Symbol> vocabulary = new ArrayList<>();
        for (SymbolRows r : training) {
            if (!vocabulary.contains(r.features().symbol())) {
                vocabulary.add(r.features().symbol());
            }
        }
        SymbolEncoding encoding = SymbolEncoding.of(config.symbolEncoding(), vocabulary, config.embeddingDim(),
                config.symbolDropout());
        MlpArchitecture architecture = new MlpArchitecture(spec, encoding, config.hiddenSizes(), config.activation());

        List<FeatureMatrix> trainMatrices = new ArrayList<>();
        List<int[]> trainKept = new ArrayList<>();
        for (SymbolRows r : training) {
            trainMatrices.add(r.features());
            trainKept.add(keptRows(r));
        }
        StandardScaler scaler = StandardScaler.fit(trainMatrices, trainKept);
        Prepared train = Prepared.of(training, scaler, encoding);
        if (train.rows == 0) {
            throw new ModelException("no training rows: every training label is NONE");
        }
        Prepared val = Prepared.of(validation, scaler, encoding);
        return fitCore(architecture, scaler, train, val, sampler, progress, epochs,
                MlpProvenance.of(config, strategyText, training));
    }

    /**
     * Trains from row sources without holding them: the scaler is fitted by a streaming pass
     * ({@link StandardScaler#fitStreaming}, the same statistics as the in-memory fit), and every mini-batch and
     * validation chunk is gathered from the sources and scaled when it is needed, so the heap holds the
     * network, one batch and the sampler's plan, not the rows; unless the rows fit in the trainer's in-heap budget
     * ({@link #withInHeapBudget}, default a quarter of the maximum heap), in which case they are read once and
     * kept scaled in the heap, as {@link #train} keeps them. Given sources whose rows equal the labelled
     * rows of {@link #train}'s inputs (same values, same order), the weights are bit-identical to
     * {@link #train}'s for the same configuration and sampler.
     *
     * @param training training rows per symbol, in the order the sampler numbers them; all with one spec
     * @param validation validation rows per symbol; may be empty (then no early stopping)
     * @param sampler the batch plan per epoch, or null for {@link ShuffledBatches} seeded from the config
     * @param strategyText the exact strategy text for provenance, or null
     * @param progress receives one {@code "epoch"} event per epoch
     * @param epochs receives every finished epoch, after its validation pass
     * @return the model, the per-epoch history and the provenance ({@code data_sha256.*} from
     *     {@link RowSource#dataHash})
     * @throws ModelException when there is nothing to train on or the specs differ
     */
    public MlpTrainingResult trainStreaming(List<? extends RowSource> training, List<? extends RowSource> validation,
                                            BalancedMultiSymbolSampler sampler, String strategyText,
                                            ProgressListener progress, EpochListener epochs) {
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(epochs, "epochs");
        if (training.isEmpty()) {
            throw new ModelException("no training rows: the training list is empty");
        }
        FeatureSpec spec = training.get(0).spec();
        for (RowSource r : training) {
            requireSpec(spec, r.spec(), r.symbol(), "training");
        }
        for (RowSource r : validation) {
            requireSpec(spec, r.spec(), r.symbol(), "validation");
        }
        List<Symbol> vocabulary = new ArrayList<>();
        for (RowSource r : training) {
            if (!vocabulary.contains(r.symbol())) {
                vocabulary.add(r.symbol());
            }
        }
        SymbolEncoding encoding = SymbolEncoding.of(config.symbolEncoding(), vocabulary, config.embeddingDim(),
                config.symbolDropout());
        MlpArchitecture architecture = new MlpArchitecture(spec, encoding, config.hiddenSizes(), config.activation());
        StandardScaler scaler = StandardScaler.fitStreaming(training);
        long rows = 0;
        for (RowSource r : training) {
            rows += r.rows();
        }
        for (RowSource r : validation) {
            rows += r.rows();
        }
        long budget = inHeapBudget == AUTO_IN_HEAP_BUDGET ? Runtime.getRuntime().maxMemory() / 4 : inHeapBudget;
        // the float32 rows, within the budget and the single array's index range
        boolean inHeap = rows * Math.max(1, spec.size()) * 4L <= budget
                && rows * Math.max(1, spec.size()) <= Integer.MAX_VALUE - 8;
        Data train = inHeap ? Prepared.copy(training, scaler, encoding) : new Gathered(training, scaler, encoding);
        if (train.rows == 0) {
            throw new ModelException("no training rows: every training source is empty");
        }
        Data val = inHeap ? Prepared.copy(validation, scaler, encoding) : new Gathered(validation, scaler, encoding);
        Map<String, String> provenance = MlpProvenance.of(config, strategyText, List.of());
        for (RowSource r : training) {
            provenance.merge(MlpProvenance.DATA_SHA256 + r.symbol().value(), r.dataHash(), (a, b) -> a + "," + b);
        }
        return fitCore(architecture, scaler, train, val, sampler, progress, epochs, provenance);
    }

    private MlpTrainingResult fitCore(MlpArchitecture architecture, StandardScaler scaler, Data train, Data val,
                                      BalancedMultiSymbolSampler sampler, ProgressListener progress,
                                      EpochListener epochs, Map<String, String> baseProvenance) {
        float[] classWeight = new float[Label.COUNT];
        Arrays.fill(classWeight, 1f);
        if (config.classWeights()) {
            long[] counts = new long[Label.COUNT];
            for (int i = 0; i < train.rows; i++) {
                counts[train.label(i)]++;
            }
            for (int c = 0; c < Label.COUNT; c++) {
                // a class absent from training gets weight 0: it cannot contribute to the loss anyway
                classWeight[c] = counts[c] == 0 ? 0f : (float) ((double) train.rows / (Label.COUNT * counts[c]));
            }
        }

        SplittableRandom root = new SplittableRandom(config.seed());
        SplittableRandom initRng = root.split();
        SplittableRandom dropoutRng = root.split();
        SplittableRandom symbolRng = root.split();
        SplittableRandom secondDropoutRng = root.split();
        long shuffleSeed = root.split().nextLong();
        BalancedMultiSymbolSampler plan = sampler != null ? sampler : new ShuffledBatches(shuffleSeed);

        MlpNetwork net = new MlpNetwork(architecture);
        float[][] params = net.newRows();
        net.initialize(params, initRng);
        float[][] best = net.newRows();
        MlpNetwork.copy(params, best);
        OptimizerState optimizer = new OptimizerState(config, params);
        boolean dropout = config.dropout() > 0;
        int threads = config.threads();
        MlpNetwork.Workspace[] ws = new MlpNetwork.Workspace[threads];
        // per thread, its own reader of the training rows (the main thread keeps the original)
        Data[] views = new Data[threads];
        for (int t = 0; t < threads; t++) {
            views[t] = t == 0 ? train : train.view();
        }
        // shard 0 and 1 keep the streams they always had; further shards get streams of their own
        SplittableRandom[] dropRngs = new SplittableRandom[threads];
        for (int t = 0; t < threads; t++) {
            dropRngs[t] = t == 0 ? dropoutRng : t == 1 ? secondDropoutRng
                    : new SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L * t);
        }
        // validation on every thread: each its own workspace and reader, batches taken in turn
        MlpNetwork.Workspace[] evalWs = new MlpNetwork.Workspace[threads];
        Data[] evalViews = new Data[threads];
        for (int t = 0; t < threads; t++) {
            evalWs[t] = new MlpNetwork.Workspace(net, Math.max(1, Math.min(EVAL_BATCH, Math.max(val.rows, 1))), false, false);
            evalViews[t] = t == 0 ? val : val.view();
        }

        List<EpochStats> history = new ArrayList<>();
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = -1;
        int sinceBest = 0;
        boolean stoppedEarly = false;
        double[] stats = new double[2];
        double[] evalStats = new double[2];
        byte[] valPredictions = new byte[val.rows];
        double[][] shardStats = new double[threads][2];
        int[] bounds = new int[threads + 1];
        List<Future<?>> pending = new ArrayList<>(threads);
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "ktrdr-mlp-worker");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            long trainStart = System.nanoTime();
            for (int epoch = 0; epoch < config.maxEpochs(); epoch++) {
                long t0 = System.nanoTime();
                int[][] batches = plan.batches(train.rowsPerSymbol.clone(), config.batchSize(), epoch);
                int maxBatch = 0;
                for (int[] batch : batches) {
                    for (int row : batch) {
                        if (row < 0 || row >= train.rows) {
                            throw new ModelException("the batch plan of epoch " + epoch + " names row " + row
                                    + " but there are " + train.rows + " training rows");
                        }
                    }
                    maxBatch = Math.max(maxBatch, batch.length);
                }
                int perShard = (maxBatch + threads - 1) / threads;
                for (int s = 0; s < threads; s++) {
                    if (ws[s] == null || ws[s].capacity < perShard) {
                        ws[s] = new MlpNetwork.Workspace(net, Math.max(1, perShard), true, dropout);
                    }
                }
                double lossSum = 0;
                double weightSum = 0;
                long correct = 0;
                long seen = 0;
                double normSum = 0;
                int steps = 0;
                for (int[] batch : batches) {
                    int n = batch.length;
                    if (n == 0) {
                        continue;
                    }
                    double normalizer = 0;
                    for (int row : batch) {
                        normalizer += classWeight[train.label(row)];
                    }
                    if (normalizer <= 0) {
                        continue;
                    }
                    stats[0] = 0;
                    stats[1] = 0;
                    if (threads == 1) {
                        runShard(net, params, ws[0], train, batch, 0, n, classWeight, normalizer, dropRngs[0],
                                symbolRng, stats);
                    } else {
                        // shard t takes batch rows [ceil(n*t/T), ceil(n*(t+1)/T)); symbol dropout is drawn here on
                        // this thread, shards 1..T-1 then 0, so the stream does not depend on scheduling
                        for (int t = 0; t <= threads; t++) {
                            bounds[t] = (int) (((long) n * t + threads - 1) / threads);
                        }
                        // labels and symbol columns here (the dropout draws keep their order); each shard's features
                        // are gathered on the thread that computes it, through its own view of the rows
                        for (int t = 1; t <= threads; t++) {
                            int sh = t % threads;
                            assemble(net, params, ws[sh], train, batch, bounds[sh], bounds[sh + 1], symbolRng, false);
                        }
                        final double norm = normalizer;
                        pending.clear();
                        for (int t = 1; t < threads; t++) {
                            final int sh = t;
                            shardStats[sh][0] = 0;
                            shardStats[sh][1] = 0;
                            pending.add(pool.submit(() -> {
                                gather(ws[sh], views[sh], batch, bounds[sh], bounds[sh + 1]);
                                computeShard(net, params, ws[sh], train, batch, bounds[sh], bounds[sh + 1], classWeight,
                                        norm, dropRngs[sh], shardStats[sh]);
                            }));
                        }
                        gather(ws[0], views[0], batch, 0, bounds[1]);
                        computeShard(net, params, ws[0], train, batch, 0, bounds[1], classWeight, normalizer, dropRngs[0],
                                stats);
                        for (Future<?> f : pending) {
                            await(f);
                        }
                        // gradients and statistics summed in shard order: fixed, whatever finished first
                        float[][] g0 = ws[0].grad;
                        for (int t = 1; t < threads; t++) {
                            float[][] g1 = ws[t].grad;
                            for (int r = 0; r < g0.length; r++) {
                                float[] a = g0[r];
                                float[] b = g1[r];
                                for (int j = 0; j < a.length; j++) {
                                    a[j] += b[j];
                                }
                            }
                            stats[0] += shardStats[t][0];
                            stats[1] += shardStats[t][1];
                        }
                    }
                    float[][] grad = ws[0].grad;
                    double norm = globalNorm(grad);
                    if (config.gradientClipNorm() > 0 && norm > config.gradientClipNorm()) {
                        float scale = (float) (config.gradientClipNorm() / (norm + 1e-6));
                        for (float[] g : grad) {
                            for (int j = 0; j < g.length; j++) {
                                g[j] *= scale;
                            }
                        }
                    }
                    optimizer.step(params, grad, config.learningRate());
                    lossSum += stats[0];
                    weightSum += normalizer;
                    correct += (long) stats[1];
                    seen += n;
                    normSum += norm;
                    steps++;
                }
                double valLoss = Double.NaN;
                double valAcc = Double.NaN;
                if (val.rows > 0) {
                    evaluate(net, params, evalWs, evalViews, pool, classWeight, evalStats, valPredictions);
                    valLoss = evalStats[0];
                    valAcc = evalStats[1];
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                EpochStats es = new EpochStats(epoch, weightSum > 0 ? lossSum / weightSum : Double.NaN,
                        seen > 0 ? (double) correct / seen : Double.NaN, valLoss, valAcc, config.learningRate(),
                        steps > 0 ? normSum / steps : 0, seconds);
                history.add(es);
                long left = Math.round((System.nanoTime() - trainStart) / 1e9 / (epoch + 1)
                        * (config.maxEpochs() - epoch - 1));
                progress.onProgress(new ProgressListener.Event("epoch", epoch + 1, config.maxEpochs(),
                        String.format(Locale.ROOT, "loss %.4f acc %.4f val_loss %.4f val_acc %.4f", es.trainLoss(),
                                es.trainAccuracy(), valLoss, valAcc)
                                + (epoch + 1 < config.maxEpochs() ? ", at most about " + left + "s left" : "")));
                if (!Double.isFinite(es.trainLoss())) {
                    throw new ModelException("training diverged at epoch " + epoch + " (loss " + es.trainLoss()
                            + "); lower learning_rate or set gradient_clip_norm");
                }
                if (epochs != EpochListener.NONE) {
                    epochs.onEpoch(es, new EpochView(valPredictions, architecture, scaler, () -> net.flatten(params)));
                }
                if (val.rows == 0) {
                    MlpNetwork.copy(params, best);
                    bestEpoch = epoch;
                    continue;
                }
                if (valLoss < bestLoss - config.minDelta()) {
                    bestLoss = valLoss;
                    bestEpoch = epoch;
                    sinceBest = 0;
                    MlpNetwork.copy(params, best);
                } else {
                    sinceBest++;
                    if (config.patience() > 0 && sinceBest >= config.patience()) {
                        stoppedEarly = epoch + 1 < config.maxEpochs();
                        break;
                    }
                }
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        if (bestEpoch < 0) {
            // validation loss was never finite: keep the last weights rather than the untrained ones
            MlpNetwork.copy(params, best);
            bestEpoch = history.size() - 1;
        }
        Map<String, String> provenance = new LinkedHashMap<>(baseProvenance);
        // counted from 1, as every report and the CLI count epochs
        provenance.put("best_epoch", Integer.toString(bestEpoch + 1));
        provenance.put("epochs_run", Integer.toString(history.size()));
        MlpModel model = new MlpModel(architecture, scaler, net.flatten(best), provenance);
        return new MlpTrainingResult(model, history, bestEpoch, stoppedEarly, provenance);
    }

    /** The L2 norm of all gradient rows, accumulated in double. */
    static double globalNorm(float[][] grad) {
        double sq = 0;
        for (float[] g : grad) {
            for (float v : g) {
                sq += (double) v * v;
            }
        }
        return Math.sqrt(sq);
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException("training was interrupted", e);
        } catch (ExecutionException e) {
            throw new ModelException("a training worker failed: " + e.getCause(), e.getCause());
        }
    }

    private void runShard(MlpNetwork net, float[][] params, MlpNetwork.Workspace w, Data data, int[] batch,
                          int from, int to, float[] classWeight, double normalizer, SplittableRandom dropRng,
                          SplittableRandom symbolRng, double[] stats) {
        assemble(net, params, w, data, batch, from, to, symbolRng);
        computeShard(net, params, w, data, batch, from, to, classWeight, normalizer, dropRng, stats);
    }

    /** Copies batch rows [from, to) into the workspace input, drawing symbol dropout. */
    private void assemble(MlpNetwork net, float[][] params, MlpNetwork.Workspace w, Data data, int[] batch,
                          int from, int to, SplittableRandom symbolRng) {
        assemble(net, params, w, data, batch, from, to, symbolRng, true);
    }

    /**
     * Labels and symbol columns of batch rows [from, to) (drawing symbol dropout), and with {@code features} their
     * features too; without, {@link #gather} copies the features later.
     */
    private void assemble(MlpNetwork net, float[][] params, MlpNetwork.Workspace w, Data data, int[] batch,
                          int from, int to, SplittableRandom symbolRng, boolean features) {
        int f = net.features;
        int in0 = net.sizes[0];
        double sd = config.symbolDropout();
        int unknown = net.encoding.unknownSlot();
        boolean encoded = in0 > f;
        for (int b = 0; b < to - from; b++) {
            int row = batch[from + b];
            if (features) {
                data.row(row, w.x[0][b]);
            }
            w.labels[b] = data.label(row);
            if (encoded) {
                int slot = data.slot(row);
                if (sd > 0 && symbolRng.nextDouble() < sd) {
                    slot = unknown;
                }
                net.writeSymbolColumns(params, w, b, slot);
            }
        }
    }

    /** Copies the features of batch rows [from, to) into the workspace input (columns [0, features)). */
    private static void gather(MlpNetwork.Workspace w, Data view, int[] batch, int from, int to) {
        for (int b = 0; b < to - from; b++) {
            view.row(batch[from + b], w.x[0][b]);
        }
    }

    private void computeShard(MlpNetwork net, float[][] params, MlpNetwork.Workspace w, Data data, int[] batch,
                              int from, int to, float[] classWeight, double normalizer, SplittableRandom dropRng,
                              double[] stats) {
        int n = to - from;
        net.forward(params, w, n, config.dropout(), dropRng);
        double gamma = config.loss() == Loss.FOCAL ? config.focalGamma() : 0;
        net.lossAndDelta(w, n, classWeight, normalizer, gamma, true, stats);
        w.clearGradient();
        net.backward(params, w, n, w.grad);
    }

    /**
     * Validation loss (the training loss, weighted), accuracy and each row's predicted class, in evaluation mode. Batches of the workspace's capacity
     * are spread over the threads (batch i on thread i mod T, each with its own workspace and reader); every
     * batch's loss is kept and the batches are summed in order afterwards, as one thread sums them, so the figures
     * are the same bits whatever the thread count.
     */
    private void evaluate(MlpNetwork net, float[][] params, MlpNetwork.Workspace[] ws, Data[] views, ExecutorService pool,
                          float[] classWeight, double[] out, byte[] predictions) {
        Data data = views[0];
        int cap = ws[0].capacity;
        int batches = (data.rows + cap - 1) / cap;
        double[] batchLoss = new double[batches];
        double[] batchCorrect = new double[batches];
        int threads = pool == null ? 1 : Math.min(ws.length, batches);
        List<Future<?>> pending = new ArrayList<>(threads);
        for (int t = 1; t < threads; t++) {
            final int th = t;
            pending.add(pool.submit(() -> evaluateBatches(net, params, ws[th], views[th], classWeight, th, threads,
                    batchLoss, batchCorrect, predictions)));
        }
        evaluateBatches(net, params, ws[0], data, classWeight, 0, threads, batchLoss, batchCorrect, predictions);
        for (Future<?> f : pending) {
            await(f);
        }
        double loss = 0;
        double correct = 0;
        for (int i = 0; i < batches; i++) {
            loss += batchLoss[i];
            correct += batchCorrect[i];
        }
        double weightSum = 0;
        for (int row = 0; row < data.rows; row++) {
            weightSum += classWeight[data.label(row)];
        }
        out[0] = weightSum > 0 ? loss / weightSum : Double.NaN;
        out[1] = correct / data.rows;
    }

    /** Batches {@code first, first + step, ...} of the validation rows. */
    private void evaluateBatches(MlpNetwork net, float[][] params, MlpNetwork.Workspace w, Data data, float[] classWeight,
                                 int first, int step, double[] batchLoss, double[] batchCorrect, byte[] predictions) {
        int f = net.features;
        int in0 = net.sizes[0];
        double gamma = config.loss() == Loss.FOCAL ? config.focalGamma() : 0;
        double[] s = new double[2];
        for (int i = first; i < batchLoss.length; i += step) {
            int start = i * w.capacity;
            int n = Math.min(w.capacity, data.rows - start);
            for (int b = 0; b < n; b++) {
                int row = start + b;
                data.row(row, w.x[0][b]);
                w.labels[b] = data.label(row);
                if (in0 > f) {
                    net.writeSymbolColumns(params, w, b, data.slot(row));
                }
            }
            net.forward(params, w, n, 0, null);
            s[0] = 0;
            s[1] = 0;
            net.lossAndDelta(w, n, classWeight, 1, gamma, false, s);
            batchLoss[i] = s[0];
            batchCorrect[i] = s[1];
            for (int b = 0; b < n; b++) {
                float[] z = w.logits[b];
                int arg = 0;
                for (int c = 1; c < z.length; c++) {
                    if (z[c] > z[arg]) {
                        arg = c;
                    }
                }
                predictions[start + b] = (byte) arg;
            }
        }
    }

    private static void requireSpec(FeatureSpec spec, SymbolRows r, String split) {
        requireSpec(spec, r.features().spec(), r.features().symbol(), split);
    }

    private static void requireSpec(FeatureSpec spec, FeatureSpec other, Symbol symbol, String split) {
        spec.firstDifference(other).ifPresent(d -> {
            throw new ModelException(split + " rows of " + symbol + " have another feature spec: " + d);
        });
    }

    private static int[] keptRows(SymbolRows r) {
        int[] kept = new int[r.labelledRows()];
        int k = 0;
        for (int i = 0; i < r.features().rows(); i++) {
            if (r.labelAt(i) != Label.NONE) {
                kept[k++] = i;
            }
        }
        return kept;
    }

    /** Scaled, labelled rows of several symbols, concatenated in order (global row indices). */
    abstract static class Data {
        final int rows;
        final int[] rowsPerSymbol;

        Data(int rows, int[] rowsPerSymbol) {
            this.rows = rows;
            this.rowsPerSymbol = rowsPerSymbol;
        }

        /** Writes a row's scaled features to {@code dst[0, features)}. */
        abstract void row(int row, float[] dst);

        abstract byte label(int row);

        abstract int slot(int row);

        /** @return the same rows for one more thread: this when reads keep no state, else a copy with its own */
        abstract Data view();
    }

    /** Rows gathered from their sources on demand (one thread at a time per instance; see {@link #view}). */
    static final class Gathered extends Data {
        private final RowSource[] sources;
        private final long[] starts;
        private final int[] slots;
        private final StandardScaler scaler;
        private final double[] raw;

        Gathered(List<? extends RowSource> list, StandardScaler scaler, SymbolEncoding encoding) {
            super(total(list), perSymbol(list));
            this.sources = list.toArray(new RowSource[0]);
            this.starts = new long[sources.length + 1];
            this.slots = new int[sources.length];
            Map<Symbol, Integer> slotMap = encoding.slotMap();
            for (int s = 0; s < sources.length; s++) {
                starts[s + 1] = starts[s] + sources[s].rows();
                Integer slot = slotMap.get(sources[s].symbol());
                slots[s] = slot == null ? encoding.unknownSlot() : slot;
            }
            this.scaler = scaler;
            this.raw = new double[scaler.size()];
        }

        private static int total(List<? extends RowSource> list) {
            long n = 0;
            for (RowSource r : list) {
                n += r.rows();
            }
            if (n > Integer.MAX_VALUE) {
                throw new ConfigurationException("training_data", n + " rows exceed the 2^31-1 row indices of one epoch");
            }
            return (int) n;
        }

        private static int[] perSymbol(List<? extends RowSource> list) {
            int[] per = new int[list.size()];
            for (int s = 0; s < per.length; s++) {
                per[s] = list.get(s).rows();
            }
            return per;
        }

        private int lastRow = -1;
        private int lastSource;

        private int source(int row) {
            // row, label and slot of one row are asked in turn: look the source up once
            if (row == lastRow) {
                return lastSource;
            }
            lastRow = row;
            lastSource = find(row);
            return lastSource;
        }

        private int find(int row) {
            int i = java.util.Arrays.binarySearch(starts, row);
            // an exact hit on a start may be an empty source's start too: take the last source starting there
            if (i >= 0) {
                while (i + 1 < starts.length && starts[i + 1] == row) {
                    i++;
                }
                return i;
            }
            return -i - 2;
        }

        @Override
        void row(int row, float[] dst) {
            int s = source(row);
            sources[s].copyRow((int) (row - starts[s]), raw, 0);
            scaler.transform(raw, 0, dst, 0);
        }

        @Override
        byte label(int row) {
            int s = source(row);
            return sources[s].label((int) (row - starts[s]));
        }

        private Gathered(Gathered g) {
            super(g.rows, g.rowsPerSymbol);
            this.sources = g.sources;
            this.starts = g.starts;
            this.slots = g.slots;
            this.scaler = g.scaler;
            this.raw = new double[scaler.size()];
        }

        @Override
        Data view() {
            // its own row buffer and lookup cache; the sources are thread-safe (absolute reads of mapped shards)
            return new Gathered(this);
        }

        @Override
        int slot(int row) {
            return slots[source(row)];
        }
    }

    /** Rows scaled once into one array (the in-memory path). */
    static final class Prepared extends Data {
        final float[] x;
        final byte[] labels;
        final int[] slots;
        private final int features;

        private Prepared(int rows, float[] x, byte[] labels, int[] slots, int[] rowsPerSymbol, int features) {
            super(rows, rowsPerSymbol);
            this.x = x;
            this.labels = labels;
            this.slots = slots;
            this.features = features;
        }

        @Override
        void row(int row, float[] dst) {
            System.arraycopy(x, row * features, dst, 0, features);
        }

        @Override
        Data view() {
            return this;
        }

        @Override
        byte label(int row) {
            return labels[row];
        }

        @Override
        int slot(int row) {
            return slots[row];
        }

        /** The sources' rows read once, scaled as {@link Gathered#row} scales them, in the sampler's numbering. */
        static Prepared copy(List<? extends RowSource> list, StandardScaler scaler, SymbolEncoding encoding) {
            int f = scaler.size();
            int n = Gathered.total(list);
            float[] x = new float[Math.multiplyExact(n, f)];
            byte[] labels = new byte[n];
            int[] slots = new int[n];
            int[] per = Gathered.perSymbol(list);
            Map<Symbol, Integer> slotMap = encoding.slotMap();
            double[] raw = new double[f];
            int k = 0;
            for (RowSource r : list) {
                Integer slot = slotMap.get(r.symbol());
                int sl = slot == null ? encoding.unknownSlot() : slot;
                for (int i = 0; i < r.rows(); i++) {
                    r.copyRow(i, raw, 0);
                    scaler.transform(raw, 0, x, k * f);
                    labels[k] = r.label(i);
                    slots[k] = sl;
                    k++;
                }
            }
            return new Prepared(n, x, labels, slots, per, f);
        }

        static Prepared of(List<SymbolRows> list, StandardScaler scaler, SymbolEncoding encoding) {
            int f = scaler.size();
            long total = 0;
            for (SymbolRows r : list) {
                total += r.labelledRows();
            }
            if (total * Math.max(1, f) > Integer.MAX_VALUE - 8) {
                throw new ConfigurationException("training_data", total + " rows x " + f
                        + " features do not fit in one array; train on fewer rows");
            }
            int n = (int) total;
            float[] x = new float[n * f];
            byte[] labels = new byte[n];
            int[] slots = new int[n];
            int[] per = new int[list.size()];
            Map<Symbol, Integer> slotMap = encoding.slotMap();
            double[] row = new double[f];
            int k = 0;
            for (int s = 0; s < list.size(); s++) {
                SymbolRows r = list.get(s);
                FeatureMatrix fm = r.features();
                Integer slot = slotMap.get(fm.symbol());
                int sl = slot == null ? encoding.unknownSlot() : slot;
                for (int i = 0; i < fm.rows(); i++) {
                    if (r.labelAt(i) == Label.NONE) {
                        continue;
                    }
                    fm.copyRow(i, row, 0);
                    scaler.transform(row, 0, x, k * f);
                    labels[k] = r.labelAt(i);
                    slots[k] = sl;
                    k++;
                    per[s]++;
                }
            }
            return new Prepared(n, x, labels, slots, per, f);
        }
    }
}
