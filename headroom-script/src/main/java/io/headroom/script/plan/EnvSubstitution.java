package io.headroom.script.plan;

import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Load-time substitution of environment variables in plan text: {@code ${ENV:NAME}} and
 * {@code ${ENV:NAME:-default}} (the default applies when the variable is unset or empty, as in a shell).
 * Other {@code ${...}} references are left for run-time templates, and {@code $${} stays a literal
 * {@code ${} for them too. Stateless and thread-safe.
 */
public final class EnvSubstitution {
    private static final String PREFIX = "${ENV:";
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private EnvSubstitution() {}

    /** True when the text holds at least one {@code ${ENV:...}} reference. */
    public static boolean mentionsEnv(String text) {
        return text.contains(PREFIX);
    }

    /**
     * Replaces every {@code ${ENV:...}} reference.
     *
     * @param env looks up a variable; returns null when it is unset
     * @throws IllegalArgumentException for an unset variable without default, or a malformed reference
     */
    public static String substitute(String text, Function<String, String> env) {
        if (!text.contains(PREFIX)) return text;
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                out.append("$${");
                i += 3;
                continue;
            }
            if (!text.startsWith(PREFIX, i)) {
                out.append(text.charAt(i++));
                continue;
            }
            int close = text.indexOf('}', i);
            if (close < 0) throw new IllegalArgumentException("\"" + PREFIX + "\" is never closed with '}'");
            String body = text.substring(i + PREFIX.length(), close);
            int dflt = body.indexOf(":-");
            String name = dflt < 0 ? body : body.substring(0, dflt);
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("expected an environment variable name in \"${ENV:" + body + "}\", found \"" + name + "\"");
            }
            String value = env.apply(name);
            if (value == null || value.isEmpty()) {
                if (dflt < 0) {
                    if (value == null) {
                        throw new IllegalArgumentException("environment variable " + name
                                + " is not set (give a default with ${ENV:" + name + ":-value})");
                    }
                } else {
                    value = body.substring(dflt + 2);
                }
            }
            // The value is data, not a template: keep any "${" in it literal for the run-time template pass.
            out.append(value.replace("${", "$${"));
            i = close + 1;
        }
        return out.toString();
    }
}
