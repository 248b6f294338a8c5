package dev.ktrdr.training.eval;

import dev.ktrdr.api.Symbol;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

/**
 * Writes the per-epoch analytics CSV ({@code history.csv}): one header line, then one line per epoch:
 * {@code epoch,train_loss,train_accuracy,val_loss,val_accuracy,precision_buy,precision_hold,
 * precision_sell,recall_buy,recall_hold,recall_sell,val_accuracy_{SYMBOL}...,importance_{TF}...,learning_rate,
 * gradient_norm,seconds} (the {@code importance_} columns only when timeframes are given).
 * Numbers are written with {@link Double#toString(double)} (full precision, '.' decimal point); NaN is an
 * empty field. The symbol columns are fixed at construction so that every line has the same columns.
 *
 * <p>Immutable; writing to a shared {@link Appendable} is the caller's synchronisation.
 */
public final class EpochCsv {
    private final List<Symbol> symbols;
    private final List<String> timeframes;

    /** @param symbols the symbols whose validation accuracy gets a column, in order */
    public EpochCsv(List<Symbol> symbols) {
        this(symbols, List.of());
    }

    /**
     * @param symbols the symbols whose validation accuracy gets a column, in order
     * @param timeframes timeframe labels (and e.g. {@code other}) whose per-epoch importance gets a column
     */
    public EpochCsv(List<Symbol> symbols, List<String> timeframes) {
        this.symbols = List.copyOf(symbols);
        this.timeframes = List.copyOf(timeframes);
    }

    /** @return the header line, without line break */
    public String header() {
        StringBuilder sb = new StringBuilder("epoch,train_loss,train_accuracy,val_loss,val_accuracy,"
                + "precision_buy,precision_hold,precision_sell,recall_buy,recall_hold,recall_sell");
        for (Symbol s : symbols) {
            sb.append(",val_accuracy_").append(s);
        }
        for (String tf : timeframes) {
            sb.append(",importance_").append(tf);
        }
        return sb.append(",learning_rate,gradient_norm,seconds").toString();
    }

    /**
     * @param r one epoch
     * @return its line, without line break
     */
    public String line(EpochRecord r) {
        Objects.requireNonNull(r, "record");
        StringBuilder sb = new StringBuilder().append(r.epoch());
        num(sb, r.trainLoss());
        num(sb, r.trainAccuracy());
        num(sb, r.validationLoss());
        num(sb, r.validationAccuracy());
        for (double p : r.precision()) {
            num(sb, p);
        }
        for (double x : r.recall()) {
            num(sb, x);
        }
        for (Symbol s : symbols) {
            Double a = r.symbolAccuracy().get(s);
            num(sb, a == null ? Double.NaN : a);
        }
        for (String tf : timeframes) {
            Double v = r.timeframeImportance().get(tf);
            num(sb, v == null ? Double.NaN : v);
        }
        num(sb, r.learningRate());
        num(sb, r.gradientNorm());
        num(sb, r.seconds());
        return sb.toString();
    }

    /**
     * @param records every epoch, in order
     * @return the whole CSV, lines ending in {@code \n}
     */
    public String toCsv(List<EpochRecord> records) {
        StringBuilder sb = new StringBuilder();
        try {
            writeTo(sb, records);
        } catch (UncheckedIOException e) {
            throw new AssertionError(e);
        }
        return sb.toString();
    }

    /**
     * @param out where to write
     * @param records every epoch, in order
     * @throws UncheckedIOException when writing fails
     */
    public void writeTo(Appendable out, List<EpochRecord> records) {
        try {
            out.append(header()).append('\n');
            for (EpochRecord r : records) {
                out.append(line(r)).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void num(StringBuilder sb, double v) {
        sb.append(',');
        if (!Double.isNaN(v)) {
            sb.append(v);
        }
    }
}
