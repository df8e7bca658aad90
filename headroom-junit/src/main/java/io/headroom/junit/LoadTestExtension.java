package io.headroom.junit;

import io.headroom.core.result.RunResult;
import io.headroom.script.plan.Plan;
import io.headroom.script.plan.PlanException;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs the plan of a {@link LoadTest} method right before its body (after every {@code @BeforeEach}, so a
 * server started there is up), writes its reports, fails the test by the run's {@link Verdict}, and
 * resolves a {@link RunResult} parameter of the method. Registered by {@link LoadTest}; stateless (the
 * result lives in the test's {@link ExtensionContext.Store}), so parallel test execution is safe.
 */
public final class LoadTestExtension implements BeforeTestExecutionCallback, ParameterResolver {
    /** Where reports go: {@code <this>/<Class>-<method>/}; default {@code target/headroom}. */
    public static final String REPORTS_DIRECTORY_PROPERTY = "headroom.reportsDirectory";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LoadTestExtension.class);

    @Override
    public void beforeTestExecution(ExtensionContext context) {
        LoadTest test = AnnotationSupport.findAnnotation(context.getRequiredTestMethod(), LoadTest.class)
                .orElseThrow(() -> new ExtensionConfigurationException("LoadTestExtension needs @LoadTest on "
                        + context.getRequiredTestMethod()));
        Plan plan;
        try {
            plan = LoadTestPlan.resolve(test, context.getRequiredTestClass(), context.getTestInstance().orElse(null));
        } catch (PlanException e) {
            // file:line:col per problem, as `headroom validate` prints them.
            throw new AssertionFailedError("invalid plan:\n" + e.getMessage());
        }
        RunResult result;
        try {
            result = LoadRun.execute(plan, metadata(context));
        } catch (IllegalArgumentException e) {
            throw new AssertionFailedError("invalid plan: " + (plan.source().isEmpty() ? plan.name() : plan.source())
                    + ": " + e.getMessage());
        }
        context.getStore(NAMESPACE).put(RunResult.class, result);
        String summary = LoadRun.consoleSummary(result);
        Path dir = reportsDirectory(context);
        LoadRun.writeReports(result, dir);
        context.publishReportEntry("headroom.reports", dir.toAbsolutePath().toString());
        System.out.print(summary);
        System.out.println("headroom reports written to " + dir);
        var failure = Verdict.failure(result, plan.name(), test.acceptInvalidRun());
        if (failure.isPresent()) throw new AssertionFailedError(failure.get() + "\n(reports: " + dir + ")");
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RunResult.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        RunResult result = context.getStore(NAMESPACE).get(RunResult.class, RunResult.class);
        if (result == null) throw new ParameterResolutionException("no load test ran for " + context.getDisplayName());
        return result;
    }

    /** The test's identity in the summary's metadata. */
    private static Map<String, String> metadata(ExtensionContext context) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("command", "junit");
        metadata.put("test", context.getDisplayName());
        metadata.put("testClass", context.getRequiredTestClass().getName());
        metadata.put("testMethod", context.getRequiredTestMethod().getName());
        return metadata;
    }

    /** {@code target/headroom/<Class>-<method>} unless {@value #REPORTS_DIRECTORY_PROPERTY} names another root. */
    static Path reportsDirectory(ExtensionContext context) {
        String root = System.getProperty(REPORTS_DIRECTORY_PROPERTY, "target/headroom");
        String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
        return Path.of(root).resolve(name.replaceAll("[^A-Za-z0-9._-]", "_"));
    }
}
