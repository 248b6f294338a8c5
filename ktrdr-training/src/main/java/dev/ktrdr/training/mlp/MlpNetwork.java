package dev.ktrdr.training.mlp;

import java.util.SplittableRandom;

/**
 * The numeric kernels of the MLP over primitive {@code float} arrays: initialisation, batched forward pass,
 * loss with its gradient at the logits, batched backward pass. One instance holds the layout of an
 * {@link MlpArchitecture}; the parameters and all scratch memory ({@link Workspace}) are passed in, so the
 * kernels allocate nothing.
 *
 * <p>Parameters are held as rows ({@code float[][]}): for weight layer k, rows {@code wRow[k] .. wRow[k]+in-1}
 * are the weights leaving each input unit, row {@code bRow[k]} the biases; then one row per embedding slot.
 * Concatenating the rows gives the flat layout of {@link MlpArchitecture}. Every inner loop runs from index 0
 * over one contiguous row of the output dimension ({@code out[o] += x_i · W[i][o]}): Java 17's C2 compiler
 * turns such loops into SIMD code, but not loops whose arrays are addressed at different run-time offsets, so
 * rows are 3 to 4 times faster than one flat array here. Inputs equal to 0 (common for fuzzy memberships) are
 * skipped.
 *
 * <p>Immutable and thread-safe; a {@link Workspace} is not, and belongs to one thread.
 */
final class MlpNetwork {
    final MlpArchitecture architecture;
    final int layers;
    final int[] sizes;
    final int[] wRow;
    final int[] bRow;
    final int features;
    final int fixedCols;
    final int embCol;
    final int embDim;
    final int embRows;
    final int embRow;
    final int rowCount;
    final int paramCount;
    final Activation activation;
    final SymbolEncoding encoding;

    MlpNetwork(MlpArchitecture architecture) {
        this.architecture = architecture;
        this.sizes = architecture.layerSizes();
        this.layers = sizes.length - 1;
        this.wRow = new int[layers];
        this.bRow = new int[layers];
        int row = 0;
        for (int k = 0; k < layers; k++) {
            wRow[k] = row;
            row += sizes[k];
            bRow[k] = row;
            row++;
        }
        this.encoding = architecture.encoding();
        this.features = architecture.features();
        this.embDim = encoding.embeddingDim();
        this.embRows = encoding.embeddingRows();
        this.fixedCols = encoding.columns() - embDim;
        this.embCol = features + fixedCols;
        this.embRow = row;
        this.rowCount = row + embRows;
        this.paramCount = architecture.parameterCount();
        this.activation = architecture.activation();
    }

    /** @return zeroed parameter rows in this network's layout */
    float[][] newRows() {
        float[][] p = new float[rowCount][];
        for (int k = 0; k < layers; k++) {
            for (int i = 0; i < sizes[k]; i++) {
                p[wRow[k] + i] = new float[sizes[k + 1]];
            }
            p[bRow[k]] = new float[sizes[k + 1]];
        }
        for (int s = 0; s < embRows; s++) {
            p[embRow + s] = new float[embDim];
        }
        return p;
    }

    /** Copies rows into the flat layout. */
    float[] flatten(float[][] p) {
        float[] flat = new float[paramCount];
        int off = 0;
        for (float[] r : p) {
            System.arraycopy(r, 0, flat, off, r.length);
            off += r.length;
        }
        return flat;
    }

    /** Copies the flat layout into rows. */
    float[][] unflatten(float[] flat) {
        float[][] p = newRows();
        int off = 0;
        for (float[] r : p) {
            System.arraycopy(flat, off, r, 0, r.length);
            off += r.length;
        }
        return p;
    }

    /** Copies every row of src into dst (same layout): a deep copy without allocation. */
    static void copy(float[][] src, float[][] dst) {
        for (int r = 0; r < src.length; r++) {
            System.arraycopy(src[r], 0, dst[r], 0, src[r].length);
        }
    }

    /**
     * Fills fresh parameters: He-uniform weights before ReLU-like activations, Glorot-uniform otherwise, zero
     * biases, standard normal embedding rows (as PyTorch's {@code nn.Embedding}).
     */
    void initialize(float[][] p, SplittableRandom rng) {
        for (int k = 0; k < layers; k++) {
            int in = sizes[k];
            int out = sizes[k + 1];
            boolean reluNext = k < layers - 1 && activation != Activation.TANH;
            double bound = reluNext ? Math.sqrt(6.0 / in) : Math.sqrt(6.0 / (in + out));
            for (int i = 0; i < in; i++) {
                float[] w = p[wRow[k] + i];
                for (int o = 0; o < out; o++) {
                    w[o] = (float) ((rng.nextDouble() * 2 - 1) * bound);
                }
            }
            java.util.Arrays.fill(p[bRow[k]], 0f);
        }
        for (int s = 0; s < embRows; s++) {
            float[] e = p[embRow + s];
            for (int j = 0; j < embDim; j++) {
                e[j] = (float) rng.nextGaussian();
            }
        }
    }

    /** Scratch memory for batches of up to {@code capacity} rows. Belongs to one thread. */
    static final class Workspace {
        final int capacity;
        /** x[k][b]: input of weight layer k for batch row b; x[0] is the network input. */
        final float[][][] x;
        /** act[k][b]: activation of hidden layer k before dropout (only when dropout is possible). */
        final float[][][] act;
        /** mask[k][b]: inverted-dropout multipliers of hidden layer k. */
        final float[][][] mask;
        /** d[k][b]: loss gradient at the pre-activation output of weight layer k. */
        final float[][][] d;
        /** wT[k][o]: weights of layer k into output o (the transpose), for the backward pass. */
        final float[][][] wT;
        final float[][] logits;
        final float[][] probs;
        final int[] slots;
        final byte[] labels;
        final float[][] grad;
        /** Indices of non-zero entries of one row (scratch). */
        final int[] nonZero;
        /** Whether the last forward pass applied dropout (so act/mask hold the pre-dropout values). */
        boolean dropped;

        Workspace(MlpNetwork net, int capacity, boolean training, boolean dropout) {
            this.capacity = capacity;
            int L = net.layers;
            x = new float[L][][];
            act = new float[L][][];
            mask = new float[L][][];
            d = new float[L][][];
            wT = new float[L][][];
            for (int k = 0; k < L; k++) {
                x[k] = new float[capacity][net.sizes[k]];
                if (k > 0 && training && dropout) {
                    act[k] = new float[capacity][net.sizes[k]];
                    mask[k] = new float[capacity][net.sizes[k]];
                }
                if (training) {
                    d[k] = new float[capacity][net.sizes[k + 1]];
                    if (k > 0) {
                        wT[k] = new float[net.sizes[k + 1]][net.sizes[k]];
                    }
                }
            }
            logits = new float[capacity][net.sizes[L]];
            probs = new float[capacity][net.sizes[L]];
            slots = new int[capacity];
            labels = new byte[capacity];
            grad = training ? net.newRows() : null;
            int widest = 0;
            for (int w : net.sizes) {
                widest = Math.max(widest, w);
            }
            nonZero = new int[widest];
        }

        /** Zeroes the gradient rows. */
        void clearGradient() {
            for (float[] g : grad) {
                java.util.Arrays.fill(g, 0f);
            }
        }
    }

    /** Writes the encoding columns (fixed ones, then the embedding vector) of row b of the input. */
    void writeSymbolColumns(float[][] p, Workspace ws, int b, int slot) {
        ws.slots[b] = slot;
        if (fixedCols > 0) {
            encoding.writeFixedColumns(slot, ws.x[0][b], features);
        }
        if (embDim > 0) {
            System.arraycopy(p[embRow + slot], 0, ws.x[0][b], embCol, embDim);
        }
    }

    /**
     * Forward pass over rows [0, n) of {@code ws.x[0]}, leaving logits in {@code ws.logits}.
     *
     * @param dropout the dropout probability to apply, or 0 (evaluation)
     * @param rng dropout randomness; unused when dropout is 0
     */
    void forward(float[][] p, Workspace ws, int n, double dropout, SplittableRandom rng) {
        boolean drop = dropout > 0;
        ws.dropped = drop;
        float keepScale = (float) (1.0 / (1.0 - dropout));
        int dropThreshold = (int) Math.round(dropout * 65536);
        for (int k = 0; k < layers; k++) {
            int nIn = sizes[k];
            int nOut = sizes[k + 1];
            boolean last = k == layers - 1;
            float[][] in = ws.x[k];
            float[][] out = last ? ws.logits : (drop ? ws.act[k + 1] : ws.x[k + 1]);
            float[] bias = p[bRow[k]];
            int w0 = wRow[k];
            for (int b = 0; b < n; b++) {
                float[] ob = out[b];
                float[] xb = in[b];
                System.arraycopy(bias, 0, ob, 0, nOut);
                // only non-zero inputs contribute; four of them per pass over the output row, so that each
                // load and store of ob[o] carries four multiply-adds
                int[] nz = ws.nonZero;
                int count = 0;
                for (int i = 0; i < nIn; i++) {
                    if (xb[i] != 0f) {
                        nz[count++] = i;
                    }
                }
                int t = 0;
                for (; t + 3 < count; t += 4) {
                    float x0 = xb[nz[t]];
                    float x1 = xb[nz[t + 1]];
                    float x2 = xb[nz[t + 2]];
                    float x3 = xb[nz[t + 3]];
                    float[] r0 = p[w0 + nz[t]];
                    float[] r1 = p[w0 + nz[t + 1]];
                    float[] r2 = p[w0 + nz[t + 2]];
                    float[] r3 = p[w0 + nz[t + 3]];
                    for (int o = 0; o < nOut; o++) {
                        ob[o] += x0 * r0[o] + x1 * r1[o] + x2 * r2[o] + x3 * r3[o];
                    }
                }
                for (; t < count; t++) {
                    float xi = xb[nz[t]];
                    float[] w = p[w0 + nz[t]];
                    for (int o = 0; o < nOut; o++) {
                        ob[o] += xi * w[o];
                    }
                }
                if (!last) {
                    activate(ob, nOut);
                    if (drop) {
                        float[] m = ws.mask[k + 1][b];
                        float[] next = ws.x[k + 1][b];
                        // four 16-bit uniform draws per random long: the drop probability is resolved to 1/65536
                        long bits = 0;
                        for (int j = 0; j < nOut; j++) {
                            if ((j & 3) == 0) {
                                bits = rng.nextLong();
                            }
                            float mj = (int) (bits & 0xFFFF) < dropThreshold ? 0f : keepScale;
                            bits >>>= 16;
                            m[j] = mj;
                            next[j] = ob[j] * mj;
                        }
                    }
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
        double lossSum = 0;
        int correct = 0;
        for (int b = 0; b < n; b++) {
            float[] z = ws.logits[b];
            float[] pr = ws.probs[b];
            float[] d = computeDelta ? ws.d[layers - 1][b] : null;
            int y = ws.labels[b];
            double max = z[0];
            int arg = 0;
            for (int c = 1; c < C; c++) {
                if (z[c] > max) {
                    max = z[c];
                    arg = c;
                }
            }
            if (arg == y) {
                correct++;
            }
            double s = 0;
            for (int c = 0; c < C; c++) {
                s += Math.exp(z[c] - max);
            }
            double logS = Math.log(s);
            double logPt = z[y] - max - logS;
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
                double pc = Math.exp(z[c] - max - logS);
                pr[c] = (float) pc;
                if (d != null) {
                    d[c] = (float) (scale * (pc - (c == y ? 1 : 0)));
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
    void backward(float[][] p, Workspace ws, int n, float[][] grad) {
        for (int k = layers - 1; k >= 0; k--) {
            int nIn = sizes[k];
            int nOut = sizes[k + 1];
            float[][] in = ws.x[k];
            float[][] d = ws.d[k];
            int w0 = wRow[k];
            float[] gb = grad[bRow[k]];
            // weight gradients: each gradient row takes four batch rows per pass (one load and store of g[o]
            // per four multiply-adds); groups whose four inputs are all 0 are skipped
            int n4 = n & ~3;
            for (int i = 0; i < nIn; i++) {
                float[] g = grad[w0 + i];
                for (int b = 0; b < n4; b += 4) {
                    float x0 = in[b][i];
                    float x1 = in[b + 1][i];
                    float x2 = in[b + 2][i];
                    float x3 = in[b + 3][i];
                    if (x0 == 0f && x1 == 0f && x2 == 0f && x3 == 0f) {
                        continue;
                    }
                    float[] d0 = d[b];
                    float[] d1 = d[b + 1];
                    float[] d2 = d[b + 2];
                    float[] d3 = d[b + 3];
                    for (int o = 0; o < nOut; o++) {
                        g[o] += x0 * d0[o] + x1 * d1[o] + x2 * d2[o] + x3 * d3[o];
                    }
                }
                for (int b = n4; b < n; b++) {
                    float xi = in[b][i];
                    if (xi == 0f) {
                        continue;
                    }
                    float[] db = d[b];
                    for (int o = 0; o < nOut; o++) {
                        g[o] += xi * db[o];
                    }
                }
            }
            for (int b = 0; b < n; b++) {
                float[] db = d[b];
                for (int o = 0; o < nOut; o++) {
                    gb[o] += db[o];
                }
            }
            if (k > 0) {
                float[][] wt = ws.wT[k];
                for (int i = 0; i < nIn; i++) {
                    float[] w = p[w0 + i];
                    for (int o = 0; o < nOut; o++) {
                        wt[o][i] = w[o];
                    }
                }
                float[][] prev = ws.d[k - 1];
                for (int b = 0; b < n; b++) {
                    float[] pb = prev[b];
                    float[] db = d[b];
                    java.util.Arrays.fill(pb, 0, nIn, 0f);
                    int[] nz = ws.nonZero;
                    int count = 0;
                    for (int o = 0; o < nOut; o++) {
                        if (db[o] != 0f) {
                            nz[count++] = o;
                        }
                    }
                    int t = 0;
                    for (; t + 3 < count; t += 4) {
                        float v0 = db[nz[t]];
                        float v1 = db[nz[t + 1]];
                        float v2 = db[nz[t + 2]];
                        float v3 = db[nz[t + 3]];
                        float[] r0 = wt[nz[t]];
                        float[] r1 = wt[nz[t + 1]];
                        float[] r2 = wt[nz[t + 2]];
                        float[] r3 = wt[nz[t + 3]];
                        for (int i = 0; i < nIn; i++) {
                            pb[i] += v0 * r0[i] + v1 * r1[i] + v2 * r2[i] + v3 * r3[i];
                        }
                    }
                    for (; t < count; t++) {
                        float dv = db[nz[t]];
                        float[] wo = wt[nz[t]];
                        for (int i = 0; i < nIn; i++) {
                            pb[i] += dv * wo[i];
                        }
                    }
                    derivative(pb, ws.dropped ? ws.act[k][b] : ws.x[k][b], ws.dropped ? ws.mask[k][b] : null, nIn);
                }
            } else if (embDim > 0) {
                for (int b = 0; b < n; b++) {
                    float[] db = d[b];
                    float[] ge = grad[embRow + ws.slots[b]];
                    for (int j = 0; j < embDim; j++) {
                        float[] w = p[w0 + embCol + j];
                        float s = 0f;
                        for (int o = 0; o < nOut; o++) {
                            s += db[o] * w[o];
                        }
                        ge[j] += s;
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
     * Probabilities of one input row already in {@code ws.x[0][0]} (evaluation mode), in double precision.
     */
    void predictRow(float[][] p, Workspace ws, double[] probabilities) {
        forward(p, ws, 1, 0, null);
        int C = sizes[layers];
        float[] z = ws.logits[0];
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
