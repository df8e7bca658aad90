package io.headroom.report;

import java.io.IOException;

/**
 * An output path that Headroom will not or cannot write: a directory, a block device, a folder where no file can be
 * created. The message says what is wrong with the path and names it; the command line adds the option.
 */
public final class UnwritableOutputException extends IOException {
    /** With {@code message} naming the path and the reason. */
    public UnwritableOutputException(String message) {
        super(message);
    }
}
