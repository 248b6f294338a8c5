package dev.ktrdr.fuzzy;

import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.FuzzySetSpec;
import dev.ktrdr.api.InputTransform;
import dev.ktrdr.api.MembershipSpec;
import dev.ktrdr.api.internal.SafeNames;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A validated, ready-to-evaluate fuzzy set: its id, input column reference, transform and membership
 * functions in configured order. Built from a {@link FuzzySetSpec} by {@link #of(FuzzySetSpec)}, the one
 * validation path: set id and membership names must be safe names (letters, digits, {@code . _ -}),
 * membership names unique, and every membership's parameters valid for its shape (errors carry the YAML
 * path {@code fuzzy_sets.{set}.{membership}}).
 *
 * <p>Immutable and thread-safe.
 */
public final class FuzzySet {
    private static final int MAX_NAME = 64;

    private final String id;
    private final String indicator;
    private final InputTransform transform;
    private final List<String> membershipNames;
    private final MembershipFunction[] functions;

    private FuzzySet(String id, String indicator, InputTransform transform, List<String> names,
                     MembershipFunction[] functions) {
        this.id = id;
        this.indicator = indicator;
        this.transform = transform;
        this.membershipNames = List.copyOf(names);
        this.functions = functions;
    }

    /**
     * @param spec a set as configured
     * @return the validated set
     * @throws ConfigurationException naming the set, the membership and the bad values
     */
    public static FuzzySet of(FuzzySetSpec spec) {
        return check(spec, e -> {
            throw e;
        });
    }

    /**
     * As {@link #of}, handing every problem (the set id, the indicator reference, each membership's
     * name, shape and parameters) to {@code problems} instead of throwing the first.
     *
     * @param spec a set as configured
     * @param problems receives each problem, path {@code fuzzy_sets.{set}...}
     * @return the validated set, or null when there was a problem
     */
    public static FuzzySet check(FuzzySetSpec spec, Consumer<ConfigurationException> problems) {
        String id = spec.id();
        boolean ok = true;
        if (!SafeNames.isSafe(id, MAX_NAME)) {
            problems.accept(new ConfigurationException("fuzzy_sets." + id, "set id '" + id
                    + "' is not a valid name (1-64 letters, digits, '.', '_' or '-')"));
            ok = false;
        }
        if (spec.indicator().isBlank()) {
            problems.accept(new ConfigurationException("fuzzy_sets." + id + ".indicator", "the indicator reference is empty"));
            ok = false;
        }
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        MembershipFunction[] fs = new MembershipFunction[spec.memberships().size()];
        int i = 0;
        for (MembershipSpec m : spec.memberships()) {
            String path = "fuzzy_sets." + id + "." + m.name();
            try {
                if (!SafeNames.isSafe(m.name(), MAX_NAME)) {
                    throw new ConfigurationException(path, "membership name '" + m.name()
                            + "' is not a valid name (1-64 letters, digits, '.', '_' or '-')");
                }
                if (!seen.add(m.name())) {
                    throw new ConfigurationException(path, "membership '" + m.name() + "' appears twice in set '" + id + "'");
                }
                fs[i++] = MembershipFunction.of(m.type(), m.parameters(), path);
                names.add(m.name());
            } catch (ConfigurationException e) {
                problems.accept(e);
                ok = false;
            }
        }
        return ok ? new FuzzySet(id, spec.indicator(), spec.transform(), names, fs) : null;
    }

    /** @return the set id */
    public String id() {
        return id;
    }

    /** @return the indicator column reference, e.g. {@code macd_12_26_9.histogram} */
    public String indicator() {
        return indicator;
    }

    /** @return the input transform */
    public InputTransform transform() {
        return transform;
    }

    /** @return the membership names in configured order */
    public List<String> membershipNames() {
        return membershipNames;
    }

    /** @return the number of memberships */
    public int size() {
        return functions.length;
    }

    /**
     * @param i membership index
     * @return its function
     */
    public MembershipFunction function(int i) {
        return functions[i];
    }

    /** @return the output column names {@code {id}_{membership}} in order */
    public List<String> columnNames() {
        List<String> out = new ArrayList<>(functions.length);
        for (String m : membershipNames) {
            out.add(id + "_" + m);
        }
        return out;
    }

    /**
     * Evaluates every membership over an already transformed input, writing into caller-owned columns
     * (no allocation beyond one scratch column).
     *
     * @param input transformed input values
     * @param out one destination column per membership, each at least as long as input
     */
    public void evaluate(double[] input, double[][] out) {
        if (out.length != functions.length) {
            throw new IllegalArgumentException(out.length + " output columns for " + functions.length + " memberships");
        }
        for (double[] col : out) {
            if (col.length < input.length) {
                throw new IllegalArgumentException("output column has " + col.length + " slots for " + input.length
                        + " inputs");
            }
        }
        boolean gaussian = false;
        for (MembershipFunction f : functions) {
            gaussian |= f instanceof Gaussian;
        }
        double[] scratch = gaussian ? new double[input.length] : null;
        for (int base = 0; base < input.length; base += Workspace.ROWS) {
            evaluateRows(input, base, Math.min(input.length, base + Workspace.ROWS), out, scratch);
        }
    }

    /**
     * The inner step: every membership over rows [from, to), row i read from {@code in[i]} and written to
     * {@code out[m][i]} (same index everywhere, so the loops vectorise). Memberships are computed in
     * order, so {@code in} may be the last output column (its membership is then computed in place).
     *
     * @param scratch a column at least {@code to} long, overwritten on [from, to); may be null when no
     *     membership is gaussian
     */
    void evaluateRows(double[] in, int from, int to, double[][] out, double[] scratch) {
        for (int m = 0; m < functions.length; m++) {
            MembershipFunction f = functions[m];
            if (f instanceof Gaussian) {
                ((Gaussian) f).rows(in, out[m], from, to, scratch);
            } else {
                f.apply(in, from, out[m], from, to - from);
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(id).append('(').append(indicator);
        if (transform.kind() != InputTransform.Kind.NONE) {
            sb.append(", ").append(transform.kind());
        }
        sb.append("):");
        for (int m = 0; m < functions.length; m++) {
            sb.append(' ').append(membershipNames.get(m)).append('=').append(functions[m]);
        }
        return sb.toString();
    }
}
