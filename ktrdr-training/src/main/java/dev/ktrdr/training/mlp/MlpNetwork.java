package dev.ktrdr.training.mlp;

import java.util.SplittableRandom;

/**
 * The numeric kernels of the MLP over primitive {@code float} arrays: initialisation, batched forward pass,
 * loss with its gradient at the logits, batched backward pass. One instance holds the layout of an
 * {@link MlpArchitecture} (offsets into the flat parameter array); the parameters and all scratch memory
 * ({@link Workspace}) are passed in, so the kernels allocate nothing.
 *
 * <p>Loops are ordered so the innermost one runs over contiguous memory of the output dimension
 * ({@code out[o] += x_i · W[i][o]}), which the JIT turns into SIMD code; inputs equal to 0 (common for fuzzy
 * memberships) are skipped.
 *
 * <p>Immutable and thread-safe; a {@link Workspace} is not, and belongs to one thread.
 */
final class MlpNetwork {
    final MlpArchitecture architecture;
    final int layers;
    final int[] sizes;
    final int[] wOff;
    final int[] bOff;
    final int features;
    final int fixedCols;
    final int embCol;
    final int embDim;
    final int embRows;
    final int embOff;
    final int paramCount;
    final Activation activation;
    final SymbolEncoding encoding;

    MlpNetwork(MlpArchitecture architecture) {
        this.architecture = architecture;
        this.sizes = architecture.layerSizes();
        this.layers = sizes.length - 1;
        this.wOff = new int[layers];
        this.bOff = new int[layers];
        int off = 0;
        for (int k = 0; k < layers; k++) {
            wOff[k] = off;
            off += sizes[k] * sizes[k + 1];
            bOff[k] = off;
            off += sizes[k + 1];
        }
        this.encoding = architecture.encoding();
        this.features = architecture.features();
        this.embDim = encoding.embeddingDim();
        this.embRows = encoding.embeddingRows();
        this.fixedCols = encoding.columns() - embDim;
        this.embCol = features + fixedCols;
        this.embOff = off;
        this.paramCount = architecture.parameterCount();
        this.activation = architecture.activation();
    }

    /**
     * Fills fresh parameters: He-uniform weights before ReLU-like activations, Glorot-uniform otherwise, zero
     * biases, standard normal embedding rows (as PyTorch's {@code nn.Embedding}).
     */
    void initialize(float[] p, SplittableRandom rng) {
        for (int k = 0; k < layers; k++) {
            int in = sizes[k];
            int out = sizes[k + 1];
            boolean reluNext = k < layers - 1 && activation != Activation.TANH;
            double bound = reluNext ? Math.sqrt(6.0 / in) : Math.sqrt(6.0 / (in + out));
            for (int j = 0; j < in * out; j++) {
                p[wOff[k] + j] = (float) ((rng.nextDouble() * 2 - 1) * bound);
            }
            for (int o = 0; o < out; o++) {
                p[bOff[k] + o] = 0f;
            }
        }
        for (int j = 0; j < embRows * embDim; j++) {
            p[embOff + j] = (float) rng.nextGaussian();
        }
    }

    /** Scratch memory for batches of up to {@code capacity} rows. Belongs to one thread. */
    static final class Workspace {
        final int capacity;
        /** x[k]: input of weight layer k, capacity × sizes[k]; x[0] is the network input. */
        final float[][] x;
        /** act[k]: activation of hidden layer k before dropout (only when dropout is possible). */
        final float[][] act;
        /** mask[k]: inverted-dropout multipliers of hidden layer k. */
        final float[][] mask;
        /** d[k]: loss gradient at the pre-activation output of weight layer k. */
        final float[][] d;
        /** wT[k]: weights of layer k transposed (output-major), for the backward pass. */
        final float[][] wT;
        final float[] logits;
        final float[] probs;
        final int[] slots;
        final byte[] labels;
        final float[] grad;
        /** Whether the last forward pass applied dropout (so act/mask hold the pre-dropout values). */
        boolean dropped;

        Workspace(MlpNetwork net, int capacity, boolean training, boolean dropout) {
            this.capacity = capacity;
            int L = net.layers;
            x = new float[L][];
            act = new float[L][];
            mask = new float[L][];
            d = new float[L][];
            wT = new float[L][];
            for (int k = 0; k < L; k++) {
                x[k] = new float[capacity * net.sizes[k]];
                if (k > 0 && training && dropout) {
                    act[k] = new float[capacity * net.sizes[k]];
                    mask[k] = new float[capacity * net.sizes[k]];
                }
                if (training) {
                    d[k] = new float[capacity * net.sizes[k + 1]];
                    if (k > 0) {
                        wT[k] = new float[net.sizes[k] * net.sizes[k + 1]];
                    }
                }
            }
            logits = new float[capacity * net.sizes[L]];
            probs = new float[capacity * net.sizes[L]];
            slots = new int[capacity];
            labels = new byte[capacity];
            grad = training ? new float[net.paramCount] : null;
        }
    }

    /**
     * Writes the encoding columns (fixed ones, then the embedding vector) of row b of the input.
     */
    void writeSymbolColumns(float[] p, Workspace ws, int b, int slot) {
        ws.slots[b] = slot;
        int rowOff = b * sizes[0];
        if (fixedCols > 0) {
            encoding.writeFixedColumns(slot, ws.x[0], rowOff + features);
        }
        if (embDim > 0) {
            System.arraycopy(p, embOff + slot * embDim, ws.x[0], rowOff + embCol, embDim);
        }
    }

    /**
     * Forward pass over rows [0, n) of {@code ws.x[0]}, leaving logits in {@code ws.logits}.
     *
     * @param dropout the dropout probability to apply, or 0 (evaluation)
     * @param rng dropout randomness; unused when dropout is 0
     */
    void forward(float[] p, Workspace ws, int n, double dropout, SplittableRandom rng) {
        boolean drop = dropout > 0;
        ws.dropped = drop;
        float keepScale = (float) (1.0 / (1.0 - dropout));
        for (int k = 0; k < layers; k++) {
            int nIn = sizes[k];
            int nOut = sizes[k + 1];
            boolean last = k == layers - 1;
            float[] in = ws.x[k];
            float[] out = last ? ws.logits : (drop ? ws.act[k + 1] : ws.x[k + 1]);
            affine(p, wOff[k], bOff[k], in, out, n, nIn, nOut);
            if (!last) {
                int len = n * nOut;
                activate(out, len);
                if (drop) {
                    float[] m = ws.mask[k + 1];
                    float[] next = ws.x[k + 1];
                    for (int j = 0; j < len; j++) {
                        float mj = rng.nextDouble() < dropout ? 0f : keepScale;
                        m[j] = mj;
                        next[j] = out[j] * mj;
                    }
                }
            }
        }
    }

    /** out[b][o] = bias[o] + sum_i in[b][i] · W[i][o], for b &lt; n. */
    static void affine(float[] p, int w, int bias, float[] in, float[] out, int n, int nIn, int nOut) {
        for (int b = 0; b < n; b++) {
            int ob = b * nOut;
            System.arraycopy(p, bias, out, ob, nOut);
            int ib = b * nIn;
            for (int i = 0; i < nIn; i++) {
                float xi = in[ib + i];
                if (xi == 0f) {
                    continue;
                }
                int wi = w + i * nOut;
                for (int o = 0; o < nOut; o++) {
                    out[ob + o] += xi * p[wi + o];
                }
            }
        }
    }

    private void activate(float[] a, int len) {
        switch (activation) {
            case RELU:
                for (int j = 0; j < len; j++) {
                    a[j] = Math.max(a[j], 0f);
                }
                break;
            case LEAKY_RELU:
                for (int j = 0; j < len; j++) {
                    float v = a[j];
                    a[j] = v > 0f ? v : v * Activation.LEAKY_SLOPE;
                }
                break;
            default:
                for (int j = 0; j < len; j++) {
                    a[j] = (float) Math.tanh(a[j]);
                }
                break;
        }
    }

    /**
     * Softmax, loss and the loss gradient at the logits (into {@code ws.d[layers-1]}) for rows [0, n) with
     * labels {@code ws.labels}. The batch loss is {@code sum_b w_b l_b / normalizer}.
     *
     * @param classWeight weight per class
     * @param normalizer the sum of the rows' class weights over the whole batch (which may be split across
     *     workspaces); must be &gt; 0
     * @param gamma focal exponent; 0 gives cross-entropy
     * @param stats out: [0] += weighted loss sum (not normalised), [1] += correct predictions
     */
    void lossAndDelta(Workspace ws, int n, float[] classWeight, double normalizer, double gamma, boolean computeDelta,
                      double[] stats) {
        int C = sizes[layers];
        float[] z = ws.logits;
        float[] pr = ws.probs;
        float[] d = computeDelta ? ws.d[layers - 1] : null;
        double lossSum = 0;
        int correct = 0;
        for (int b = 0; b < n; b++) {
            int off = b * C;
            int y = ws.labels[b];
            double max = z[off];
            int arg = 0;
            for (int c = 1; c < C; c++) {
                if (z[off + c] > max) {
                    max = z[off + c];
                    arg = c;
                }
            }
            if (arg == y) {
                correct++;
            }
            double s = 0;
            for (int c = 0; c < C; c++) {
                s += Math.exp(z[off + c] - max);
            }
            double logS = Math.log(s);
            double logPt = z[off + y] - max - logS;
            double pt = Math.exp(logPt);
            double w = classWeight[y];
            double coef;
            if (gamma == 0) {
                lossSum += -w * logPt;
                coef = 1;
            } else {
                double q = 1 - pt;
                double qg = q > 0 ? Math.pow(q, gamma) : 0;
                lossSum += -w * qg * logPt;
                // d/dz of -(1-pt)^g log pt = [(1-pt)^g - g (1-pt)^(g-1) pt log pt] (p - onehot)
                double qg1 = q > 0 ? Math.pow(q, gamma - 1) : 0;
                coef = qg - gamma * qg1 * pt * logPt;
            }
            double scale = w * coef / normalizer;
            for (int c = 0; c < C; c++) {
                double pc = Math.exp(z[off + c] - max - logS);
                pr[off + c] = (float) pc;
                if (d != null) {
                    d[off + c] = (float) (scale * (pc - (c == y ? 1 : 0)));
                }
            }
        }
        stats[0] += lossSum;
        stats[1] += correct;
    }

    /**
     * Backward pass for rows [0, n): adds the parameter gradients to {@code grad} (which the caller zeroes).
     * Needs the forward pass's workspace state and {@code ws.d[layers-1]}.
     */
    void backward(float[] p, Workspace ws, int n, float[] grad) {
        for (int k = layers - 1; k >= 0; k--) {
            int nIn = sizes[k];
            int nOut = sizes[k + 1];
            float[] in = ws.x[k];
            float[] d = ws.d[k];
            int w = wOff[k];
            for (int b = 0; b < n; b++) {
                int ib = b * nIn;
                int db = b * nOut;
                for (int i = 0; i < nIn; i++) {
                    float xi = in[ib + i];
                    if (xi == 0f) {
                        continue;
                    }
                    int gi = w + i * nOut;
                    for (int o = 0; o < nOut; o++) {
                        grad[gi + o] += xi * d[db + o];
                    }
                }
                int gb = bOff[k];
                for (int o = 0; o < nOut; o++) {
                    grad[gb + o] += d[db + o];
                }
            }
            if (k > 0) {
                float[] wt = ws.wT[k];
                for (int i = 0; i < nIn; i++) {
                    int wi = w + i * nOut;
                    for (int o = 0; o < nOut; o++) {
                        wt[o * nIn + i] = p[wi + o];
                    }
                }
                float[] prev = ws.d[k - 1];
                float[] a = ws.dropped ? ws.act[k] : ws.x[k];
                float[] m = ws.dropped ? ws.mask[k] : null;
                for (int b = 0; b < n; b++) {
                    int pb = b * nIn;
                    int db = b * nOut;
                    for (int i = 0; i < nIn; i++) {
                        prev[pb + i] = 0f;
                    }
                    for (int o = 0; o < nOut; o++) {
                        float dv = d[db + o];
                        if (dv == 0f) {
                            continue;
                        }
                        int wo = o * nIn;
                        for (int i = 0; i < nIn; i++) {
                            prev[pb + i] += dv * wt[wo + i];
                        }
                    }
                }
                derivative(prev, a, m, n * nIn);
            } else if (embDim > 0) {
                for (int b = 0; b < n; b++) {
                    int db = b * nOut;
                    int ge = embOff + ws.slots[b] * embDim;
                    for (int j = 0; j < embDim; j++) {
                        int wi = w + (embCol + j) * nOut;
                        float s = 0f;
                        for (int o = 0; o < nOut; o++) {
                            s += d[db + o] * p[wi + o];
                        }
                        grad[ge + j] += s;
                    }
                }
            }
        }
    }

    /** g[j] *= f'(a[j]) (· mask[j]), with a the activation output before dropout. */
    private void derivative(float[] g, float[] a, float[] mask, int len) {
        switch (activation) {
            case RELU:
                for (int j = 0; j < len; j++) {
                    g[j] = a[j] > 0f ? g[j] : 0f;
                }
                break;
            case LEAKY_RELU:
                for (int j = 0; j < len; j++) {
                    g[j] = a[j] > 0f ? g[j] : g[j] * Activation.LEAKY_SLOPE;
                }
                break;
            default:
                for (int j = 0; j < len; j++) {
                    float v = a[j];
                    g[j] *= 1f - v * v;
                }
                break;
        }
        if (mask != null) {
            for (int j = 0; j < len; j++) {
                g[j] *= mask[j];
            }
        }
    }

    /**
     * Probabilities of one input row already in {@code ws.x[0]} row 0 (evaluation mode), in double precision.
     */
    void predictRow(float[] p, Workspace ws, double[] probabilities) {
        forward(p, ws, 1, 0, null);
        int C = sizes[layers];
        float[] z = ws.logits;
        double max = z[0];
        for (int c = 1; c < C; c++) {
            max = Math.max(max, z[c]);
        }
        double s = 0;
        for (int c = 0; c < C; c++) {
            double e = Math.exp(z[c] - max);
            probabilities[c] = e;
            s += e;
        }
        for (int c = 0; c < C; c++) {
            probabilities[c] /= s;
        }
    }
}
