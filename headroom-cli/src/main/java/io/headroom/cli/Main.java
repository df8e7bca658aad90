package io.headroom.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Entry point of the {@code headroom} command: builds the picocli command tree and maps failures to exit codes. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line with the given streams and returns the exit code; used in-process by tests. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = commandLine(out, err);
        return cli.execute(args);
    }

    static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new HeadroomCommand());
        // Generated, not written in the annotation: the footer lists every ExitCode and cannot drift from them.
        cli.getCommandSpec().usageMessage().footer(ExitCode.helpFooter());
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setExecutionExceptionHandler(new ExitCodeMapper());
        cli.setParameterExceptionHandler((ex, args) -> {
            PrintWriter e = ex.getCommandLine().getErr();
            e.println("headroom: " + ex.getMessage());
            e.println("Try 'headroom " + commandPath(ex.getCommandLine()) + "--help' for more information.");
            return ExitCode.USAGE.code();
        });
        return cli;
    }

    private static String commandPath(CommandLine cli) {
        StringBuilder path = new StringBuilder();
        for (CommandLine c = cli; c.getParent() != null; c = c.getParent()) {
            path.insert(0, c.getCommandName() + " ");
        }
        return path.toString();
    }

    /** The root command: prints help (its footer: {@link ExitCode#helpFooter()}) when called without a subcommand. */
    @Command(name = "headroom", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Load testing and performance engineering for the JVM.",
            subcommands = {RunCommand.class, AgentCommand.class, K8sCommand.class, ValidateCommand.class, DemoCommand.class, ServeDemoCommand.class, ProfileCommand.class, ReportCommand.class,
                    CompareCommand.class,
                    TrendCommand.class,
                    DiagnoseCommand.class,
                    CapacityCommand.class,
                    InitCommand.class,
                    CommandLine.HelpCommand.class})
    static final class HeadroomCommand implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }

    /** The version, read from the jar manifest when packaged. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"headroom " + (v == null ? "dev" : v) + " (Java " + Runtime.version() + ")"};
        }
    }
}
