package io.headroom.profiler;

import java.io.PrintWriter;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * A child JVM for tests that runs {@link Profiler#run} as {@code headroom profile} would, so a test can
 * signal it mid-recording: {@code attach <json> <pid>} records that pid for a minute; {@code launch <json>
 * <java command...>} launches the command with no time limit. Exits 0 after a profile, 3 on a ProfilerException.
 */
public final class ProfileMain {
    private ProfileMain() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        Path json = Path.of(args[1]);
        ProfileSource source = switch (args[0]) {
            case "attach" -> new ProfileSource.Attach(Long.parseLong(args[2]), Duration.ofSeconds(60));
            case "launch" -> new ProfileSource.Launch(Arrays.asList(args).subList(2, args.length), null, Redirect.DISCARD);
            default -> throw new IllegalArgumentException(args[0]);
        };
        try {
            Profiler.run(ProfileRequest.of(source).withJsonFile(json), out);
        } catch (ProfilerException e) {
            out.println("headroom: " + e.getMessage());
            System.exit(3);
        }
    }
}
