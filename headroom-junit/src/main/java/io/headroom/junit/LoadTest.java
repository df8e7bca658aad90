package io.headroom.junit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test method as a load test: before the method body runs, Headroom runs the plan and the plan's
 * thresholds decide the test. A crossed threshold fails it with every crossed threshold and its measured
 * value; an invalid run (the generator was the bottleneck), a run where most iterations threw, an
 * interrupted run and a plan error (with the plan's {@code file:line:col}) fail it too. The method may
 * declare a {@link io.headroom.core.result.RunResult} parameter for further assertions. Reports (JSON summary,
 * HTML, JUnit XML of the thresholds) go to {@code target/headroom/<Class>-<method>/}.
 *
 * <pre>{@code
 * @LoadTest("plans/checkout.yaml")
 * void checkout(RunResult result) {
 *     assertThat(result.trend("http_req_duration").p(99)).isLessThan(250.0);
 * }
 * }</pre>
 *
 * Give exactly one of {@link #value()} (a YAML plan file) and {@link #plan()} (a factory method). Tag the
 * class or the method ({@code @Tag("performance")}) to select load tests with {@code -Dgroups=performance}.
 */
@Documented
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Test
@ExtendWith(LoadTestExtension.class)
public @interface LoadTest {
    /**
     * A YAML plan file, relative to the working directory of the test JVM (the project's base directory
     * under Maven Surefire and Failsafe), e.g. {@code "src/test/plans/checkout.yaml"}.
     */
    String value() default "";

    /**
     * The name of a method of the test class that takes no arguments and returns a
     * {@link io.headroom.script.plan.Plan} or an {@link io.headroom.script.Scenario} whose {@code options()}
     * say how to run it (static, or an instance method of the test instance).
     */
    String plan() default "";

    /**
     * The target's base URL, overriding the plan's {@code baseUrl}. {@code ${NAME}} parts are replaced by the
     * system property {@code NAME}, else the environment variable {@code NAME}. Empty: a {@link BaseUrl}
     * member of the test class, else the system property {@code headroom.baseUrl}, else the environment
     * variable {@code HEADROOM_BASE_URL}, else the plan's own {@code baseUrl}.
     */
    String baseUrl() default "";

    /**
     * Extra values for the plan's {@code ${ENV:NAME}}, as {@code NAME=VALUE}; they win over system properties,
     * which win over the environment.
     */
    String[] env() default {};

    /** With true, an invalid run (the generator was the bottleneck) is judged by its thresholds alone. */
    boolean acceptInvalidRun() default false;
}
