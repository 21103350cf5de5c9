package autotrader.web;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request the API answers with an error: the status code and a message meant for the person (or
 * script) that sent it, written as {@code {"error": ..., "status": ...}} plus optional details.
 */
final class ApiError extends RuntimeException {

    private final int status;
    private final transient ObjectNode details;

    ApiError(int status, String message) {
        this(status, message, null);
    }

    ApiError(int status, String message, ObjectNode details) {
        super(message, null, false, false);
        this.status = status;
        this.details = details;
    }

    int status() {
        return status;
    }

    /** Extra fields for the body (an approval's outcome), or null. */
    ObjectNode details() {
        return details;
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, message);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, message);
    }

    static ApiError conflict(String message) {
        return new ApiError(409, message);
    }
}
