package dev.ktrdr.indicators;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One parameter of a catalogue type: name, kind, default and allowed values. Numbers are checked
 * against {@code [min, max]} (an end is open when its {@code ...Inclusive} flag is false); integers must be
 * integral; choices are compared case-insensitively.
 *
 * @param name parameter name as written in strategy files, e.g. {@code period}
 * @param kind value kind
 * @param defaultValue the default: Integer, Double, Boolean or String according to kind
 * @param min smallest allowed number (numbers only)
 * @param max largest allowed number (numbers only)
 * @param minInclusive whether min itself is allowed
 * @param maxInclusive whether max itself is allowed
 * @param choices allowed strings (CHOICE only), lower case
 * @param description one line for listings
 */
public record ParamSpec(String name, Kind kind, Object defaultValue, double min, double max,
                        boolean minInclusive, boolean maxInclusive, List<String> choices, String description) {

    /** What a parameter holds. */
    public enum Kind {
        /** A whole number. */
        INT,
        /** A real number. */
        REAL,
        /** true or false. */
        BOOL,
        /** One of a fixed set of strings. */
        CHOICE
    }

    /** Checks consistency and copies the choices. */
    public ParamSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(defaultValue, "defaultValue");
        choices = List.copyOf(choices);
        description = description == null ? "" : description;
    }

    /**
     * @param name name
     * @param def default
     * @param min smallest
     * @param max largest (both inclusive)
     * @param description one line
     * @return an integer parameter
     */
    public static ParamSpec integer(String name, int def, int min, int max, String description) {
        return new ParamSpec(name, Kind.INT, def, min, max, true, true, List.of(), description);
    }

    /**
     * @param name name
     * @param def default
     * @param min smallest
     * @param max largest (both inclusive)
     * @param description one line
     * @return a real parameter with a closed range
     */
    public static ParamSpec real(String name, double def, double min, double max, String description) {
        return new ParamSpec(name, Kind.REAL, def, min, max, true, true, List.of(), description);
    }

    /**
     * @param name name
     * @param def default
     * @param min exclusive lower end
     * @param max inclusive upper end
     * @param description one line
     * @return a real parameter with range (min, max]
     */
    public static ParamSpec positive(String name, double def, double min, double max, String description) {
        return new ParamSpec(name, Kind.REAL, def, min, max, false, true, List.of(), description);
    }

    /**
     * @param name name
     * @param def default
     * @param description one line
     * @return a boolean parameter
     */
    public static ParamSpec bool(String name, boolean def, String description) {
        return new ParamSpec(name, Kind.BOOL, def, Double.NaN, Double.NaN, true, true, List.of(), description);
    }

    /**
     * @param name name
     * @param def default (one of choices)
     * @param choices allowed values
     * @param description one line
     * @return a choice parameter
     */
    public static ParamSpec choice(String name, String def, List<String> choices, String description) {
        return new ParamSpec(name, Kind.CHOICE, def.toLowerCase(Locale.ROOT), Double.NaN, Double.NaN, true, true,
                choices.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList(), description);
    }

    /**
     * @param description one line
     * @return the usual {@code source} parameter, default close
     */
    public static ParamSpec source(String description) {
        return choice("source", "close", List.of(Source.NAMES), description);
    }

    /** @return the allowed values as text: {@code [2, 500]}, {@code (0, 10]}, {@code true|false} or {@code close|open|...} */
    public String range() {
        switch (kind) {
            case BOOL:
                return "true|false";
            case CHOICE:
                return String.join("|", choices);
            case INT:
                return "[" + (long) min + ", " + (long) max + "]";
            default:
                return (minInclusive ? "[" : "(") + fmt(min) + ", " + fmt(max) + (maxInclusive ? "]" : ")");
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }

    /**
     * @param value a number
     * @return true when value lies in the allowed range
     */
    public boolean inRange(double value) {
        boolean lo = minInclusive ? value >= min : value > min;
        boolean hi = maxInclusive ? value <= max : value < max;
        return lo && hi;
    }
}
