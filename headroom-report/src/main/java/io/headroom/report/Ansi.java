package io.headroom.report;

import java.util.regex.Pattern;

/** SGR colour codes for terminal output, or plain text when colour is off. Immutable, thread-safe. */
final class Ansi {
    static final String ESC = "\u001b[";
    private static final Pattern SGR = Pattern.compile("\u001b\\[[0-9;]*m");

    private final boolean on;

    Ansi(boolean on) {
        this.on = on;
    }

    String bold(String s) { return wrap("1", s); }
    String faint(String s) { return wrap("2", s); }
    String red(String s) { return wrap("31", s); }
    String green(String s) { return wrap("32", s); }
    String yellow(String s) { return wrap("33", s); }
    String cyan(String s) { return wrap("36", s); }
    String boldRed(String s) { return wrap("1;31", s); }

    private String wrap(String code, String s) {
        return on && !s.isEmpty() ? ESC + code + "m" + s + ESC + "0m" : s;
    }

    /** Columns the text takes on a terminal: code points, not counting colour codes. */
    static int width(String s) {
        String plain = s.indexOf('\u001b') < 0 ? s : SGR.matcher(s).replaceAll("");
        return plain.codePointCount(0, plain.length());
    }

    /** {@code s} without its colour codes. */
    static String strip(String s) {
        return s.indexOf('\u001b') < 0 ? s : SGR.matcher(s).replaceAll("");
    }

    static String padRight(String s, int width) {
        int pad = width - width(s);
        return pad <= 0 ? s : s + " ".repeat(pad);
    }

    static String padLeft(String s, int width) {
        int pad = width - width(s);
        return pad <= 0 ? s : " ".repeat(pad) + s;
    }
}
