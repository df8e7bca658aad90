package io.headroom.report;

import java.io.IOException;

/**
 * An output path that Headroom will not or cannot write: a directory, a block device, a folder where no file can be
 * created. The message starts with the path and says what is wrong; the command line puts the option before it.
 */
public final class UnwritableOutputException extends IOException {
    /** With {@code message} naming the path and the reason. */
    public UnwritableOutputException(String message) {
        super(message);
    }
}
