package io.headroom.cli;

import io.headroom.report.SummaryFormatException;
import io.headroom.script.plan.PlanError;
import io.headroom.script.plan.PlanException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;

/**
 * The one place where an exception becomes an exit code: user mistakes print their message (no stack
 * trace) and exit 2; anything else is a bug, printed with its stack trace, exit 1.
 */
final class ExitCodeMapper implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cli, ParseResult parseResult) {
        PrintWriter err = cli.getErr();
        if (ex instanceof UsageException) {
            err.println("headroom: " + ex.getMessage());
            return ExitCode.USAGE.code();
        }
        if (ex instanceof PlanException plan) {
            // One line per problem, each already naming file:line:col and the field.
            for (PlanError e : plan.errors()) err.println(e);
            int n = plan.errors().size();
            err.println("headroom: " + n + (n == 1 ? " problem" : " problems") + " found; nothing was run.");
            return ExitCode.USAGE.code();
        }
        if (ex instanceof ScriptException script) {
            for (String line : script.lines()) err.println(line);
            return ExitCode.SCRIPT_ERROR.code();
        }
        if (ex instanceof io.headroom.distributed.AgentsMissingException missing) {
            err.println("headroom: " + missing.getMessage());
            return ExitCode.AGENT_LOST.code();
        }
        if (ex instanceof io.headroom.distributed.RegistrationRefusedException refused) {
            err.println("headroom: the coordinator refused this agent: " + refused.getMessage());
            return ExitCode.USAGE.code();
        }
        if (ex instanceof SummaryFormatException summary) {
            err.println("headroom: " + summary.getMessage());
            return ExitCode.USAGE.code();
        }
        err.println("headroom: unexpected failure, please report it: " + ex);
        ex.printStackTrace(err);
        return ExitCode.UNEXPECTED.code();
    }
}
