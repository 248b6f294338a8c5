package dev.ktrdr.api;

import java.util.Objects;

/**
 * One membership function of a fuzzy set, e.g. {@code oversold: [0, 25, 40]} (a bare list means
 * triangular) or {@code bearish: {type: trapezoidal, parameters: [-5, -2, -0.2, 0]}}. Shapes and
 * their parameter rules are documented in ktrdr-fuzzy; validation happens there, with errors naming
 * the set, the membership and the values.
 *
 * @param name membership name, e.g. {@code oversold}
 * @param type shape: {@code triangular}, {@code trapezoidal}, {@code gaussian}, {@code bell},
 *     {@code sigmoid}, {@code left_shoulder}, {@code right_shoulder}
 * @param parameters the shape's parameters in the order the shape defines
 */
public record MembershipSpec(String name, String type, double[] parameters) {
    /**
     * Checks presence and copies the parameters.
     *
     * @param name membership name, e.g. {@code oversold}
     * @param type shape: {@code triangular}, {@code trapezoidal}, {@code gaussian}, {@code bell},
     *     {@code sigmoid}, {@code left_shoulder}, {@code right_shoulder}
     * @param parameters the shape's parameters in the order the shape defines
     */
    public MembershipSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        parameters = parameters.clone();
    }

    /** @return a copy of the parameters */
    @Override
    public double[] parameters() {
        return parameters.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MembershipSpec m && name.equals(m.name) && type.equals(m.type)
                && java.util.Arrays.equals(parameters, m.parameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, java.util.Arrays.hashCode(parameters));
    }

    @Override
    public String toString() {
        return name + ":" + type + java.util.Arrays.toString(parameters);
    }
}
