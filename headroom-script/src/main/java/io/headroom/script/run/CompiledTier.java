package io.headroom.script.run;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Optional;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Whether the hot methods of the request path have reached the optimising compiler (C2, tier 4), read from the
 * JVM's own list of compiled code (the {@code Compiler.codelist} diagnostic command, as {@code jcmd} prints it: one
 * line per nmethod, {@code id level state Class.method(signature) [addresses]}). Thread-safe; each check costs a
 * few ms (the list of every compiled method), so the warm-up asks a few times a second, never the run.
 */
final class CompiledTier {
    /**
     * The method every iteration runs whatever its steps: the engine's iteration, large enough to keep code of its
     * own even where C2 also inlines it into its caller. (Smaller ones are not watched: C2 may compile them only
     * inlined, never on their own, and a warm-up waiting for them ran to its time limit, measured for a transport's
     * {@code send} and for the iteration's recording. That the rest is compiled is what the warm-up's "JIT settled"
     * check sees.)
     */
    static final List<String> HOT_METHODS = List.of("io.headroom.core.engine.Vu.runIteration(");
    private static final int C2 = 4;
    /** An nmethod in use (not made not-entrant or zombie). */
    private static final String IN_USE = "0";

    private final MBeanServer server;
    private final ObjectName command;

    private CompiledTier(MBeanServer server, ObjectName command) {
        this.server = server;
        this.command = command;
    }

    /** The JVM's code list, or empty where it has none (not HotSpot, diagnostic commands not available). */
    static Optional<CompiledTier> open() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName("com.sun.management:type=DiagnosticCommand");
            if (!server.isRegistered(name)) return Optional.empty();
            CompiledTier tier = new CompiledTier(server, name);
            tier.codeList(); // fails here rather than in the warm-up if the command is missing
            return Optional.of(tier);
        } catch (Exception | LinkageError e) {
            return Optional.empty();
        }
    }

    /** How many of {@link #HOT_METHODS} have C2 code in use now; 0 when the list cannot be read. */
    int compiledHotMethods() {
        String list;
        try {
            list = codeList();
        } catch (Exception e) {
            return 0;
        }
        return compiled(list, HOT_METHODS);
    }

    /** How many of {@code methods} (substrings of a line's method) a code list shows at tier 4 and in use. */
    static int compiled(String codeList, List<String> methods) {
        boolean[] found = new boolean[methods.size()];
        codeList.lines().forEach(line -> {
            String[] f = line.trim().split("\\s+", 5);
            if (f.length < 4 || !IN_USE.equals(f[2]) || !Integer.toString(C2).equals(f[1])) return;
            for (int i = 0; i < found.length; i++) {
                if (f[3].contains(methods.get(i))) found[i] = true;
            }
        });
        int n = 0;
        for (boolean b : found) if (b) n++;
        return n;
    }

    private String codeList() throws Exception {
        return (String) server.invoke(command, "compilerCodelist", new Object[]{new String[0]},
                new String[]{String[].class.getName()});
    }
}
