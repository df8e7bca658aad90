package io.headroom.cli;

/** A user mistake (bad flag value, missing file) that ends the command with exit code 2 and no stack trace. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message, null, false, false);
    }
}
