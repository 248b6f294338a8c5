package dev.ktrdr.indicators.builtin;

/** Test access to package-private exact helpers of the built-ins. */
public final class ExactAccess {
    private ExactAccess() {
    }

    /** @return {@link Volume#direction} */
    public static int direction(double h, double l, double c, double h0, double l0, double c0, double[] scratch) {
        return Volume.direction(h, l, c, h0, l0, c0, scratch);
    }
}
