package dev.ktrdr.indicators;

import java.util.Objects;

/**
 * One output of an indicator: its name (the {@code {output}} part of a column {@code {id}.{output}}) and
 * the closed interval every finite value lies in, when that is a property of the formula (RSI in
 * [0,100], Williams %R in [-100,0]); unbounded outputs use infinities.
 *
 * @param name output name, lower case
 * @param lower smallest possible value, or {@code -Infinity}
 * @param upper largest possible value, or {@code +Infinity}
 */
public record OutputSpec(String name, double lower, double upper) {
    /** Checks the name and the interval. */
    public OutputSpec {
        Objects.requireNonNull(name, "name");
        if (!(lower <= upper)) {
            throw new IllegalArgumentException("output " + name + ": lower " + lower + " > upper " + upper);
        }
    }

    /**
     * @param name output name
     * @return an unbounded output
     */
    public static OutputSpec of(String name) {
        return new OutputSpec(name, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /**
     * @param name output name
     * @param lower bound
     * @param upper bound
     * @return a bounded output
     */
    public static OutputSpec bounded(String name, double lower, double upper) {
        return new OutputSpec(name, lower, upper);
    }

    /** @return true when the output has a finite lower or upper bound */
    public boolean isBounded() {
        return lower != Double.NEGATIVE_INFINITY || upper != Double.POSITIVE_INFINITY;
    }
}
