package io.headroom.maven;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PlanRunArgumentsTest {
    @Test
    void planNameIsTheFileNameWithoutItsExtension() {
        assertThat(PlanRunArguments.planName(Path.of("src/test/headroom/checkout.yaml"))).isEqualTo("checkout");
        assertThat(PlanRunArguments.planName(Path.of("Checkout.java"))).isEqualTo("Checkout");
    }

    @Test
    void runWritesAllThreeReportsIntoThePlansFolderAndPassesBaseUrlAndEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("BASE_URL", "http://127.0.0.1:9000");
        env.put("USERS", "3");
        Path dir = Path.of("target/headroom/checkout");

        assertThat(PlanRunArguments.run(Path.of("p.yaml"), dir, "http://h:1", env, true)).containsExactly(
                "run", "p.yaml", "--quiet",
                "--json", dir.resolve("summary.json").toString(),
                "--html", dir.resolve("report.html").toString(),
                "--junit", dir.resolve("junit.xml").toString(),
                "--base-url", "http://h:1",
                "-e", "BASE_URL=http://127.0.0.1:9000", "-e", "USERS=3",
                "--accept-invalid-run");
    }

    @Test
    void runWithoutBaseUrlLeavesThePlansOwn() {
        assertThat(PlanRunArguments.run(Path.of("p.yaml"), Path.of("d"), null, Map.of(), false))
                .doesNotContain("--base-url", "--accept-invalid-run");
    }
}
