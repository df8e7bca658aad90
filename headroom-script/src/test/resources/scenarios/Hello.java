import io.headroom.script.Options;
import io.headroom.script.Scenario;
import io.headroom.script.Vu;

import java.time.Duration;

/** A tiny scenario compiled by JavaScenarioCompilerTest. */
public final class Hello implements Scenario {
    private int iterations;

    @Override
    public void iteration(Vu vu) throws Exception {
        iterations++;
        var health = vu.http().get("/health");
        vu.check(health, "healthy", r -> r.status() == 200 && r.json("$.status").equals("ok"));
        vu.vars().put("iterations", iterations);
        vu.think(Duration.ofMillis(10));
    }

    @Override
    public Options options() {
        return Options.constantVus(2, Duration.ofSeconds(5)).threshold("checks", "rate>0.99");
    }
}

/** A helper in the same file: not public, not a candidate. */
class Helper {
}
