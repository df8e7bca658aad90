package io.headroom.script;

/** A data file that cannot be read or parsed; the message names the file and, where known, the line. */
public final class DataSourceException extends Exception {
    public DataSourceException(String message) {
        super(message);
    }
}
