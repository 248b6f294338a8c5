package dev.ktrdr.examples.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ktrdr.api.KtrdrException;
import dev.ktrdr.api.internal.SafeNames;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A JSON request object read field by field: unknown fields are refused (a typo never passes silently)
 * and every error names the field.
 */
final class Body {
    /** Longest strategy name accepted. */
    static final int MAX_NAME = 128;
    private final ObjectNode node;

    private Body(ObjectNode node) {
        this.node = node;
    }

    static Body of(JsonNode node, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("the request body must be a JSON object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw ApiException.badRequest("unknown field '" + SafeNamesPrintable.of(f) + "'; allowed: "
                        + allowed.stream().sorted().toList());
            }
        }
        return new Body((ObjectNode) node);
    }

    boolean has(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    JsonNode node(String field) {
        return node.get(field);
    }

    Optional<String> string(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw ApiException.badRequest(field + ": must be a string");
        }
        return Optional.of(v.asText());
    }

    String requiredString(String field) {
        return string(field).orElseThrow(() -> ApiException.badRequest(field + ": required"));
    }

    Optional<Boolean> bool(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            throw ApiException.badRequest(field + ": must be true or false");
        }
        return Optional.of(v.asBoolean());
    }

    Optional<Double> number(String field, double lo, double hi) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isNumber() || !Double.isFinite(v.asDouble()) || v.asDouble() < lo || v.asDouble() >= hi) {
            throw ApiException.badRequest(field + ": must be a number in [" + lo + ", " + hi + ")");
        }
        return Optional.of(v.asDouble());
    }

    List<String> strings(String field, int max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw ApiException.badRequest(field + ": must be an array of strings");
        }
        if (v.size() > max) {
            throw ApiException.badRequest(field + ": at most " + max + " entries, got " + v.size());
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) {
                throw ApiException.badRequest(field + "[" + i + "]: must be a string");
            }
            out.add(v.get(i).asText());
        }
        return out;
    }

    static Symbol symbol(String field, String value) {
        try {
            return Symbol.of(value);
        } catch (KtrdrException | IllegalArgumentException e) {
            throw ApiException.badRequest(field + ": " + Errors.oneLine(e));
        }
    }

    static Timeframe timeframe(String field, String value) {
        try {
            return Timeframe.parse(value);
        } catch (KtrdrException | IllegalArgumentException e) {
            throw ApiException.badRequest(field + ": " + Errors.oneLine(e));
        }
    }

    static String safeName(String field, String value) {
        try {
            return SafeNames.require(field, value, MAX_NAME);
        } catch (KtrdrException e) {
            throw ApiException.badRequest(field + ": " + Errors.oneLine(e));
        }
    }

    /** Timeframes of a field, each once. */
    List<Timeframe> timeframes(String field, int max) {
        List<Timeframe> out = new ArrayList<>();
        List<String> raw = strings(field, max);
        for (int i = 0; i < raw.size(); i++) {
            Timeframe tf = timeframe(field + "[" + i + "]", raw.get(i));
            if (out.contains(tf)) {
                throw ApiException.badRequest(field + ": timeframe " + tf.label() + " is listed twice");
            }
            out.add(tf);
        }
        return out;
    }

    Optional<LocalDate> date(String field) {
        return string(field).map(s -> {
            try {
                return LocalDate.parse(s);
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest(field + ": '" + SafeNamesPrintable.of(s) + "' is not a date such as 2024-03-01");
            }
        });
    }

    /** An ISO-8601 instant, or a date meaning its start (UTC). */
    Optional<Instant> instant(String field) {
        return string(field).map(s -> {
            try {
                return s.length() == 10 ? LocalDate.parse(s).atStartOfDay(java.time.ZoneOffset.UTC).toInstant() : Instant.parse(s);
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest(field + ": '" + SafeNamesPrintable.of(s)
                        + "' is not an instant such as 2024-03-01T16:00:00Z or a date such as 2024-03-01");
            }
        });
    }

    /** Shortens and escapes user text for messages. */
    static final class SafeNamesPrintable {
        private SafeNamesPrintable() {
        }

        static String of(String s) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < s.length() && i < 64; i++) {
                char c = s.charAt(i);
                if (c >= 0x20 && c < 0x7f) {
                    b.append(c);
                } else {
                    b.append(String.format("\\u%04x", (int) c));
                }
            }
            return s.length() > 64 ? b + "..." : b.toString();
        }
    }
}
