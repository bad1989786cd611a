package dev.dl4jlab.serve;

/** A request the server refuses: the status to answer and a message naming the field, row or column at fault. */
final class HttpError extends RuntimeException {
    private final int status;
    private final String allow;

    HttpError(int status, String message) {
        this(status, message, null);
    }

    /** @param allow the methods the path takes, for a 405's Allow header */
    HttpError(int status, String message, String allow) {
        super(message, null, false, false);   // an answer, not a failure: no stack trace to fill
        this.status = status;
        this.allow = allow;
    }

    int status() {
        return status;
    }

    String allow() {
        return allow;
    }
}
