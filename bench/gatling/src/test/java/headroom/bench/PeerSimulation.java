package headroom.bench;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.time.Duration;

/**
 * The peer benchmark's Gatling side (bench/peers.sh, issue 20). System properties:
 * <ul>
 *   <li>{@code base} the target, e.g. http://127.0.0.1:8080; {@code path} the request path (/)</li>
 *   <li>{@code seconds} how long to run</li>
 *   <li>{@code mode} {@code closed}: {@code users} virtual users, each looping on its own keep-alive connection for
 *   {@code seconds} (M1, as fast as possible); {@code open}: {@code rate} new users a second, one request each, on
 *   shared keep-alive connections ({@code shareConnections}, M2 and M3)</li>
 * </ul>
 */
public class PeerSimulation extends Simulation {
    private static final String BASE = System.getProperty("base", "http://127.0.0.1:8080");
    private static final String PATH = System.getProperty("path", "/");
    private static final Duration RUN = Duration.ofSeconds(Long.getLong("seconds", 10));
    private static final String MODE = System.getProperty("mode", "closed");
    private static final int USERS = Integer.getInteger("users", 50);
    private static final double RATE = Double.parseDouble(System.getProperty("rate", "1000"));

    {
        HttpProtocolBuilder protocol = http.baseUrl(BASE).disableCaching().disableWarmUp();
        if ("open".equals(MODE)) {
            protocol = protocol.shareConnections();
            ScenarioBuilder once = scenario("open").exec(http("get").get(PATH).check(status().is(200)));
            setUp(once.injectOpen(constantUsersPerSec(RATE).during(RUN))).protocols(protocol)
                    .maxDuration(RUN.plusSeconds(10));
        } else {
            ScenarioBuilder loop = scenario("closed").exec(during(RUN).on(exec(http("get").get(PATH).check(status().is(200)))));
            setUp(loop.injectClosed(constantConcurrentUsers(USERS).during(RUN))).protocols(protocol)
                    .maxDuration(RUN.plusSeconds(10));
        }
    }
}
