package io.headroom.junit;

import io.headroom.core.result.RunResult;
import io.headroom.demo.DemoConfig;
import io.headroom.demo.DemoServer;
import io.headroom.script.Options;
import io.headroom.script.Scenario;
import io.headroom.script.plan.Plan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/** Runs small {@link LoadTest} classes through the JUnit engine against the demo shop and checks their verdicts. */
class LoadTestExtensionTest {
    static DemoServer demo;

    @BeforeAll
    static void startDemo() throws IOException {
        demo = DemoServer.start(DemoConfig.defaults());
    }

    @AfterAll
    static void stopDemo() {
        demo.close();
    }

    /** The test classes the engine runs; static and nested, so Surefire does not run them on its own. */
    static final class Cases {
        @BaseUrl
        static URI baseUrl() {
            return demo.baseUrl();
        }

        static volatile RunResult injected;

        @LoadTest("src/test/plans/health-pass.yaml")
        void passing(RunResult result) {
            injected = result;
        }

        @LoadTest("src/test/plans/health-crossed.yaml")
        void crossed() {}

        @LoadTest("src/test/plans/broken.yaml")
        void broken() {}

        @LoadTest(plan = "throwing")
        void everyIterationThrows() {}

        Scenario throwing() {
            return new Scenario() {
                @Override
                public void iteration(io.headroom.script.Vu vu) {
                    throw new IllegalStateException("no data source named users");
                }

                @Override
                public Options options() {
                    return Options.perVuIterations(1, 5);
                }
            };
        }
    }

    /** Takes its base URL from a system property named in the annotation. */
    static final class FromProperty {
        @LoadTest(value = "src/test/plans/health-pass.yaml", baseUrl = "http://127.0.0.1:${headroom.test.port}")
        void passing() {}

        @LoadTest(plan = "javaPlan")
        void builtInJava() {}

        static Plan javaPlan() {
            Options options = Options.perVuIterations(1, 3).baseUrl(demo.baseUrl().toString())
                    .threshold("http_req_failed", "rate<0.5");
            return Plan.ofJava("java-plan", "FromProperty.javaPlan", () -> vu -> vu.http().get("/health"), options, Path.of(""));
        }
    }

    private static Events run(Class<?> type, String method, Class<?>... parameterTypes) {
        var selector = selectMethod(type, method, java.util.Arrays.stream(parameterTypes).map(Class::getName)
                .collect(java.util.stream.Collectors.joining(",")));
        return EngineTestKit.engine("junit-jupiter").selectors(selector).execute().testEvents();
    }

    @Test
    void passingPlanPassesInjectsTheResultAndWritesReports() throws IOException {
        Cases.injected = null;
        run(Cases.class, "passing", RunResult.class).assertStatistics(s -> s.succeeded(1).failed(0));

        assertThat(Cases.injected).isNotNull();
        assertThat(Cases.injected.trend("http_req_duration").p(99)).isPositive();
        assertThat(Cases.injected.counter("http_reqs").count()).isPositive();
        assertThat(Cases.injected.info().metadata()).containsEntry("test", "passing(RunResult)");
        Path dir = Path.of("target/headroom/Cases-passing");
        assertThat(dir.resolve("summary.json")).content().contains("\"testMethod\"", "passing");
        assertThat(dir.resolve("report.html")).exists();
        assertThat(Files.readString(dir.resolve("junit.xml"))).contains("http_req_duration p(95)&lt;5000");
    }

    @Test
    void crossedThresholdFailsWithEachCrossedThresholdAndItsMeasuredValue() {
        run(Cases.class, "crossed").assertThatEvents().haveExactly(1, finishedWithFailure(
                instanceOf(AssertionError.class),
                message(m -> m.contains("plan 'health-crossed': 1 of 2 thresholds crossed")
                        && m.contains("http_req_duration: p(95)<0.001  measured ")
                        && m.contains(" ms")
                        && !m.contains("http_req_failed"))));
        assertThat(Path.of("target/headroom/Cases-crossed/junit.xml")).content().contains("threshold crossed");
    }

    @Test
    void planErrorFailsWithTheFileLineAndColumn() {
        run(Cases.class, "broken").assertThatEvents().haveExactly(1, finishedWithFailure(
                message(m -> m.startsWith("invalid plan:") && m.contains("broken.yaml:6:5"))));
    }

    @Test
    void runWhereEveryIterationThrowsFailsWithTheFirstError() {
        run(Cases.class, "everyIterationThrows").assertThatEvents().haveExactly(1, finishedWithFailure(
                message(m -> m.contains("5 of 5 iterations failed") && m.contains("no data source named users"))));
    }

    @Test
    void baseUrlFromTheAnnotationReadsSystemProperties() {
        System.setProperty("headroom.test.port", String.valueOf(demo.port()));
        try {
            run(FromProperty.class, "passing").assertStatistics(s -> s.succeeded(1));
        } finally {
            System.clearProperty("headroom.test.port");
        }
    }

    @Test
    void planBuiltInJavaRuns() {
        run(FromProperty.class, "builtInJava").assertStatistics(s -> s.succeeded(1));
    }
}
