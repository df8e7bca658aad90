package io.headroom.script;

/**
 * What a virtual user does once per iteration, in plain Java with blocking calls:
 * <pre>{@code
 * public final class Checkout implements Scenario {
 *     public void iteration(Vu vu) {
 *         var login = vu.http().post("/login", Json.of("user", vu.data("users").get("name")));
 *         vu.check(login, "logged in", r -> r.status() == 200);
 *     }
 * }
 * }</pre>
 * A class with a public no-argument constructor gets one instance per VU, so its fields are that VU's
 * own; an instance handed over directly is shared by every VU and must be thread-safe. A YAML plan's
 * {@code flow} compiles to this same interface.
 */
public interface Scenario {

    /**
     * Runs one iteration on the VU's own thread. An exception ends the iteration (counted as interrupted)
     * but never the VU or the run; failed requests do not throw, they come back as data.
     */
    void iteration(Vu vu) throws Exception;

    /** The executor, thresholds and HTTP defaults this scenario asks for; null means "from the command line". */
    default Options options() {
        return null;
    }
}
