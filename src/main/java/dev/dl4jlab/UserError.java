package dev.dl4jlab;

/**
 * A problem the user can fix (a config value, a data file, a flag, a port). The CLI prints the message as one line
 * and exits with code 2; the message must name the file or field and say what is allowed.
 */
public class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
