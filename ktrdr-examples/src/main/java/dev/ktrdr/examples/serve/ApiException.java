package dev.ktrdr.examples.serve;

import java.util.Map;

/**
 * An answer other than success: the HTTP status, a short machine-readable error and a one-line detail,
 * sent as {@code {"error": ..., "detail": ...}} (plus any extra fields).
 */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String error;
    private final transient Map<String, Object> extra;

    ApiException(int status, String error, String detail) {
        this(status, error, detail, Map.of());
    }

    ApiException(int status, String error, String detail, Map<String, Object> extra) {
        super(detail, null, false, false);
        this.status = status;
        this.error = error;
        this.extra = Map.copyOf(extra);
    }

    static ApiException badRequest(String detail) {
        return new ApiException(400, "bad_request", detail);
    }

    static ApiException notFound(String detail) {
        return new ApiException(404, "not_found", detail);
    }

    int status() {
        return status;
    }

    String error() {
        return error;
    }

    Map<String, Object> extra() {
        return extra;
    }
}
