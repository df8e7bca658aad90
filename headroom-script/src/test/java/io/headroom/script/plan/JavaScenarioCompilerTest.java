package io.headroom.script.plan;

import io.headroom.core.plan.ExecutorSpec;
import io.headroom.core.threshold.ThresholdSpec;
import io.headroom.http.HttpSessionOptions;
import io.headroom.script.JdkHttpTransport;
import io.headroom.script.Scenario;
import io.headroom.script.TestMetrics;
import io.headroom.script.TestServer;
import io.headroom.script.TestVuContext;
import io.headroom.script.Vu;
import io.headroom.script.VuSettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class JavaScenarioCompilerTest {
    private static final Path DIR = Path.of("src", "test", "resources", "scenarios");

    @Test
    void compilesAndRunsAScenarioFile() throws Exception {
        CompiledScenario compiled = JavaScenarioCompiler.compile(DIR.resolve("Hello.java"));
        assertThat(compiled.type().getSimpleName()).isEqualTo("Hello");
        assertThat(compiled.options().executor()).isEqualTo(new ExecutorSpec.ConstantVus(2, Duration.ofSeconds(5)));

        Scenario a = compiled.newInstance();
        Scenario b = compiled.newInstance();
        assertThat(a).as("one instance per VU").isNotSameAs(b);

        try (TestServer server = new TestServer()) {
            TestMetrics metrics = new TestMetrics();
            TestVuContext ctx = new TestVuContext(1, "Hello", metrics);
            Vu vu = new Vu(ctx, VuSettings.DEFAULTS.withBaseUrl(server.baseUrl()), new JdkHttpTransport().newSession(HttpSessionOptions.DEFAULTS));
            vu.beginIteration(ctx);
            a.iteration(vu);
            vu.beginIteration(ctx.next(0));
            a.iteration(vu);
            assertThat(metrics.values("checks", "check", "healthy")).containsExactly(1.0, 1.0);
            assertThat(vu.vars()).containsEntry("iterations", 2);
            assertThat(ctx.sleeps).containsExactly(Duration.ofMillis(10), Duration.ofMillis(10));
        }
    }

    @Test
    void aCompiledScenarioBecomesAPlan() {
        Plan plan = JavaScenarioCompiler.compile(DIR.resolve("Hello.java")).toPlan(null);
        assertThat(plan.name()).isEqualTo("Hello");
        assertThat(plan.scenarios()).singleElement().satisfies(s -> assertThat(s.spec().name()).isEqualTo("Hello"));
        assertThat(plan.thresholds()).containsExactly(ThresholdSpec.of("checks", "rate>0.99"));
        assertThat(plan.source()).isEqualTo(DIR.resolve("Hello.java").toString());
    }

    @Test
    void theDesignDocumentsExampleCompilesAsWritten() {
        assertThat(JavaScenarioCompiler.compile(DIR.resolve("design").resolve("Checkout.java")).type().getSimpleName())
                .isEqualTo("Checkout");
    }

    @Test
    void everyPublicVerbOfTheApiCompiles() {
        CompiledScenario compiled = JavaScenarioCompiler.compile(DIR.resolve("EveryVerb.java"));
        assertThat(compiled.options().scenarioName()).isEqualTo("every");
    }

    @Test
    void compileErrorsAreReportedLikeJavac() {
        Path file = DIR.resolve("Broken.java");
        PlanException e = catchThrowableOfType(PlanException.class, () -> JavaScenarioCompiler.compile(file));
        assertThat(e.errors()).hasSize(2);
        assertThat(e.errors().get(0).toString()).startsWith(file + ":6:23: cannot find symbol").contains("undefinedUrl");
        assertThat(e.errors().get(1).toString()).startsWith(file + ":7:17: incompatible types");
        assertThat(e.getMessage()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void aFileWithoutAScenarioClassIsRejected() {
        Path file = DIR.resolve("NotAScenario.java");
        assertThatThrownBy(() -> JavaScenarioCompiler.compile(file)).isInstanceOf(PlanException.class)
                .hasMessage(file + ": no public class implementing io.headroom.script.Scenario; write for example "
                        + "'public final class NotAScenario implements Scenario { public void iteration(Vu vu) { ... } }'");
    }

    @Test
    void aScenarioNeedsANoArgumentConstructor() {
        Path file = DIR.resolve("NoDefaultConstructor.java");
        assertThatThrownBy(() -> JavaScenarioCompiler.compile(file)).isInstanceOf(PlanException.class)
                .hasMessage(file + ": NoDefaultConstructor needs a public no-argument constructor");
    }

    @Test
    void aMissingFileIsReported() {
        Path file = DIR.resolve("Nope.java");
        assertThatThrownBy(() -> JavaScenarioCompiler.compile(file)).isInstanceOf(PlanException.class)
                .hasMessage(file + ": file not found");
    }

    @Test
    void aScenarioWithoutOptionsNeedsTheCommandLines() {
        CompiledScenario compiled = new CompiledScenario(Path.of("X.java"), NoOptions.class);
        assertThatThrownBy(() -> compiled.toPlan(null)).isInstanceOf(PlanException.class)
                .hasMessageStartingWith("X.java: NoOptions.options() returns null");
        Plan plan = compiled.toPlan(io.headroom.script.Options.perVuIterations(1, 3));
        assertThat(plan.scenarios().get(0).spec().executor()).isEqualTo(new ExecutorSpec.PerVuIterations(1, 3, Duration.ofMinutes(10)));
    }

    public static final class NoOptions implements Scenario {
        @Override
        public void iteration(Vu vu) {
        }
    }
}
