package dev.ktrdr.api.internal;

import dev.ktrdr.api.ConfigurationException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The single validation path for names that users give and that later become parts of file paths
 * (symbols, strategy names, group names, model scopes). A safe name is 1 to {@code maxLength}
 * characters of letters, digits, {@code .}, {@code _} and {@code -}; it is not {@code .} or
 * {@code ..}, does not start with {@code .} or {@code -}, and is not a reserved device name
 * ({@code CON}, {@code NUL}, {@code COM1}, ...). Separators, control characters and spaces are refused.
 *
 * <p>Stateless and thread-safe.
 */
public final class SafeNames {
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Set<String> RESERVED = Set.of("CON", "PRN", "AUX", "NUL",
            "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

    private SafeNames() {
    }

    /**
     * Returns {@code value} when it is a safe name, or throws.
     *
     * @param kind what the name is, for the message ("symbol", "strategy name", ...)
     * @param value the name to check
     * @param maxLength the longest allowed name
     * @return value, unchanged
     * @throws ConfigurationException naming the kind, the value (escaped) and the rule broken
     */
    public static String require(String kind, String value, int maxLength) {
        String problem = problem(value, maxLength);
        if (problem != null) {
            throw new ConfigurationException(kind, "'" + printable(value) + "' is not a valid " + kind + ": " + problem);
        }
        return value;
    }

    /**
     * @param value the name to check
     * @param maxLength the longest allowed name
     * @return true when {@link #require} would accept it
     */
    public static boolean isSafe(String value, int maxLength) {
        return problem(value, maxLength) == null;
    }

    private static String problem(String value, int maxLength) {
        if (value == null || value.isEmpty()) {
            return "it is empty";
        }
        if (value.length() > maxLength) {
            return "longer than " + maxLength + " characters";
        }
        if (!ALLOWED.matcher(value).matches()) {
            return "only letters, digits, '.', '_' and '-' are allowed";
        }
        if (value.startsWith(".") || value.startsWith("-")) {
            return "it must not start with '.' or '-'";
        }
        if (value.contains("..")) {
            return "it must not contain '..'";
        }
        String stem = value.toUpperCase(Locale.ROOT);
        int dot = stem.indexOf('.');
        if (dot >= 0) {
            stem = stem.substring(0, dot);
        }
        if (RESERVED.contains(stem)) {
            return "it is a reserved device name";
        }
        return null;
    }

    private static String printable(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < value.length() && i < 64; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (value.length() > 64) {
            sb.append("...");
        }
        return sb.toString();
    }
}
