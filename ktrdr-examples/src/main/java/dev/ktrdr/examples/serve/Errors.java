package dev.ktrdr.examples.serve;

import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.KtrdrException;
import dev.ktrdr.api.ModelException;
import dev.ktrdr.storage.StoreModelLoader;
import dev.ktrdr.training.strategy.StrategyValidationException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * Maps a failure to the HTTP status and the JSON body {@code {"error": ..., "detail": ...}} the API sends:
 * bad input 400, a missing model or file 404, a cancelled job 409; anything unexpected 500 with one
 * line, never a stack trace.
 */
final class Errors {
    private Errors() {
    }

    /** A status and its body. */
    record Answer(int status, Map<String, Object> body) {
    }

    static Answer of(Throwable t) {
        if (t instanceof ApiException a) {
            Map<String, Object> b = body(a.error(), a.getMessage());
            b.putAll(a.extra());
            return new Answer(a.status(), b);
        }
        if (t instanceof StrategyValidationException sve) {
            Map<String, Object> b = body("invalid_strategy", oneLine(sve));
            b.put("problems", sve.problems().stream().map(p -> Map.of("path", p.path(), "message", p.message(),
                    "severity", p.severity().name().toLowerCase(java.util.Locale.ROOT))).toList());
            return new Answer(400, b);
        }
        if (t instanceof StoreModelLoader.NoModelException nm) {
            Map<String, Object> b = body("no_model", oneLine(nm));
            b.put("refusals", refusals(nm.refusals()));
            return new Answer(404, b);
        }
        if (t instanceof ModelException) {
            return new Answer(404, body("model_not_found", oneLine(t)));
        }
        if (t instanceof ConfigurationException || t instanceof IllegalArgumentException) {
            return new Answer(400, body("invalid_input", oneLine(t)));
        }
        if (t instanceof DataException) {
            return new Answer(400, body("invalid_data", oneLine(t)));
        }
        if (t instanceof NoSuchFileException nf) {
            return new Answer(404, body("not_found", "no such file: " + nf.getFile()));
        }
        if (t instanceof UncheckedIOException u && u.getCause() instanceof NoSuchFileException nf) {
            return new Answer(404, body("not_found", "no such file: " + nf.getFile()));
        }
        if (t instanceof CancellationException) {
            return new Answer(409, body("cancelled", oneLine(t)));
        }
        if (t instanceof KtrdrException) {
            return new Answer(400, body("invalid_input", oneLine(t)));
        }
        return new Answer(500, body("internal", t.getClass().getSimpleName() + ": " + oneLine(t)));
    }

    static List<Map<String, String>> refusals(List<dev.ktrdr.api.UniversalModelLoader.Refusal> refusals) {
        return refusals.stream().map(r -> Map.of("candidate", r.candidate(), "reason", r.reason())).toList();
    }

    private static Map<String, Object> body(String error, String detail) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("error", error);
        b.put("detail", detail);
        return b;
    }

    static String oneLine(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            m = t.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
