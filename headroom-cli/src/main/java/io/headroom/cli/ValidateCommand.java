package io.headroom.cli;

import io.headroom.script.plan.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code headroom validate}: checks a plan (or compiles a Java scenario) without sending a request. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a plan or a Java scenario without running it; exit 2 with every problem found.")
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PLAN", description = "A plan (.yaml, .yml) or a Java scenario (.java).")
    Path target;

    @Option(names = {"-e", "--env"}, paramLabel = "NAME=VALUE", description = "Set a variable for ${ENV:NAME}. Repeatable.")
    List<String> env = new ArrayList<>();

    @Option(names = "--base-url", paramLabel = "URL",
            description = "Check the plan as 'run --base-url URL' would run it: URL wins over the plan's baseUrl.")
    String baseUrl;

    @Override
    public Integer call() {
        Plan plan = PlanSource.load(target, PlanSource.parseEnv(env), null, baseUrl);
        var out = spec.commandLine().getOut();
        out.println(target + ": valid plan \"" + plan.name() + "\" with " + plan.scenarios().size()
                + (plan.scenarios().size() == 1 ? " scenario" : " scenarios") + " and " + plan.thresholds().size()
                + (plan.thresholds().size() == 1 ? " threshold" : " thresholds"));
        for (var s : plan.scenarios()) {
            out.println("  " + s.spec().name() + ": " + s.spec().executor().type());
        }
        return ExitCode.OK.code();
    }
}
