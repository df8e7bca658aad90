package io.headroom.profiler.flame;

import java.io.IOException;

/** Collapsed-stack text that cannot be read; the message names the line and what is wrong with it. */
public final class CollapsedFormatException extends IOException {
    public CollapsedFormatException(String message) {
        super(message);
    }
}
