package io.headroom.script.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Hostile plan YAML (self-merges, alias bombs, huge scalars, huge files) is a plan error, never a hang or an OutOfMemoryError. */
class PlanYamlLimitsTest {
    /** Only a hang guard: the loader answers in milliseconds; a regression would otherwise hang the build. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(20);

    private static final String SCENARIO = """
            scenarios:
              api:
                executor: per-vu-iterations
                vus: 1
                iterations: 1
                flow:
                  - get: http://127.0.0.1:1/
            """;

    @TempDir
    Path dir;

    private static PlanException loadFails(String yaml) {
        return assertTimeoutPreemptively(HANG_GUARD, () -> {
            try {
                PlanLoader.load(yaml, "plan.yaml");
            } catch (PlanException e) {
                return e;
            }
            throw new AssertionError("the plan was accepted");
        });
    }

    @Test
    void aSelfMergeIsAPlanError() {
        PlanException e = loadFails("""
                a: &a
                  b: 1
                  <<: *a
                """ + SCENARIO);
        assertThat(e.getMessage()).contains("plan.yaml").contains("invalid YAML");
    }

    @Test
    void aBillionLaughsIsAPlanError() {
        StringBuilder yaml = new StringBuilder("l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            yaml.append("l").append(i).append(": &l").append(i).append(" [");
            for (int j = 0; j < 10; j++) yaml.append(j == 0 ? "" : ", ").append("*l").append(i - 1);
            yaml.append("]\n");
        }
        PlanException e = loadFails(yaml + SCENARIO);
        assertThat(e.getMessage()).contains("plan.yaml").contains("alias");
    }

    @Test
    void aTenMegabyteScalarIsAPlanError() {
        PlanException e = loadFails("name: " + "x".repeat(10_000_000) + "\n" + SCENARIO);
        assertThat(e.getMessage()).contains("plan.yaml").contains("at most " + (1 << 20) + " are allowed");
        assertThat(e.getMessage().length()).isLessThan(1000);
    }

    @Test
    void deepNestingIsAPlanError() {
        PlanException e = loadFails("x-deep: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n" + SCENARIO);
        assertThat(e.getMessage()).contains("plan.yaml").contains("invalid YAML").contains("64");
    }

    @Test
    void aListThatHoldsItselfIsAPlanError() {
        PlanException e = loadFails("""
                name: &a [*a]
                """ + SCENARIO);
        assertThat(e.getMessage()).contains("plan.yaml").contains("name");
    }

    @Test
    void aLongScalarUnderTheLimitIsAccepted() {
        String name = "x".repeat(100_000);
        Plan plan = assertTimeoutPreemptively(HANG_GUARD, () -> PlanLoader.load("name: " + name + "\n" + SCENARIO, "plan.yaml"));
        assertThat(plan.name()).isEqualTo(name);
    }

    @Test
    void anAliasUsedAFewTimesIsAccepted() {
        Plan plan = assertTimeoutPreemptively(HANG_GUARD, () -> PlanLoader.load("""
                scenarios:
                  one: &common
                    executor: per-vu-iterations
                    vus: 1
                    iterations: 1
                    flow:
                      - get: http://127.0.0.1:1/
                  two:
                    <<: *common
                  three:
                    <<: *common
                """, "plan.yaml"));
        assertThat(plan.scenarios()).hasSize(3);
    }

    @Test
    void mergesFollowYamlsMergeKeyRulesOwnKeysFirstThenEarlierMappings() {
        Plan plan = assertTimeoutPreemptively(HANG_GUARD, () -> PlanLoader.load("""
                scenarios:
                  one: &one
                    executor: per-vu-iterations
                    vus: 1
                    iterations: 1
                    flow:
                      - get: http://127.0.0.1:1/
                  two: &two
                    executor: per-vu-iterations
                    vus: 2
                    iterations: 5
                    flow:
                      - get: http://127.0.0.1:1/
                  three:
                    <<: [*two, *one]
                    iterations: 7
                """, "plan.yaml"));
        var three = plan.scenarios().get(2).spec().executor();
        assertThat(three).isEqualTo(new io.headroom.core.plan.ExecutorSpec.PerVuIterations(2, 7, null));
    }

    @Test
    void aPlanFileOverTheSizeLimitIsRefusedBeforeItIsRead() throws Exception {
        Path plan = dir.resolve("big.yaml");
        Files.writeString(plan, "# " + "x".repeat((int) PlanLoader.MAX_PLAN_BYTES) + "\n" + SCENARIO);
        assertThatThrownBy(() -> PlanLoader.load(plan)).isInstanceOf(PlanException.class)
                .hasMessageContaining("big.yaml").hasMessageContaining("MiB");
    }

    @Test
    void anEndlessPlanFileIsReadOnlyUpToTheLimit() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/dev/zero")));
        // Not refused for not being a regular file: `headroom run <(make-plan)` reads a pipe.
        assertThatThrownBy(() -> assertTimeoutPreemptively(HANG_GUARD, () -> PlanLoader.load(Path.of("/dev/zero"))))
                .isInstanceOf(PlanException.class).hasMessageContaining("/dev/zero").hasMessageContaining("larger than 1 MiB");
    }

    @Test
    void aPlanFileUnderTheSizeLimitIsRead() throws Exception {
        Path plan = dir.resolve("small.yaml");
        Files.writeString(plan, "# " + "x".repeat(1000) + "\n" + SCENARIO);
        assertThat(PlanLoader.load(plan).scenarios()).hasSize(1);
    }
}
