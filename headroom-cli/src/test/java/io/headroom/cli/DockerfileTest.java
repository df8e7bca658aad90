package io.headroom.cli;

import io.headroom.kubernetes.PlanBundle;
import io.headroom.kubernetes.RunObjects;
import io.headroom.kubernetes.RunObjectsSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The repository's Dockerfile (there is no Docker engine here to build it): it copies the jar the build makes, runs
 * it as its entry point on a JRE 21+, and the arguments the pods get are commands of this CLI.
 */
class DockerfileTest {
    private static final Path ROOT = Path.of("..");

    @TempDir
    Path dir;

    /** The jar the shade plugin writes: headroom-cli/target/FINALNAME.jar. */
    static String builtJar() throws IOException {
        String pom = Files.readString(ROOT.resolve("headroom-cli/pom.xml"));
        Matcher m = Pattern.compile("<finalName>([^<]+)</finalName>").matcher(pom);
        assertThat(m.find()).as("the shade plugin's finalName in headroom-cli/pom.xml").isTrue();
        return "headroom-cli/target/" + m.group(1) + ".jar";
    }

    /** Checks a Dockerfile's text; throws AssertionError naming what is wrong. */
    static void check(String dockerfile, String jar) {
        Matcher from = Pattern.compile("(?m)^FROM\\s+eclipse-temurin:(\\d+)-jre\\b").matcher(dockerfile);
        assertThat(from.find()).as("FROM eclipse-temurin:NN-jre").isTrue();
        assertThat(Integer.parseInt(from.group(1))).as("the JRE's version").isGreaterThanOrEqualTo(21);
        Matcher copy = Pattern.compile("(?m)^COPY\\s+(\\S+)\\s+(\\S+)\\s*$").matcher(dockerfile);
        assertThat(copy.find()).as("a COPY of the jar").isTrue();
        assertThat(copy.group(1)).as("the jar the Dockerfile copies").isEqualTo(jar);
        String inImage = copy.group(2);
        Matcher entry = Pattern.compile("(?m)^ENTRYPOINT\\s+\\[(.*)]\\s*$").matcher(dockerfile);
        assertThat(entry.find()).as("an exec-form ENTRYPOINT").isTrue();
        assertThat(entry.group(1)).as("the ENTRYPOINT").startsWith("\"java\"").contains("\"-jar\", \"" + inImage + "\"");
    }

    @Test
    void theDockerfileCopiesTheJarTheBuildMakesAndRunsIt() throws IOException {
        String jar = builtJar();
        check(Files.readString(ROOT.resolve("Dockerfile")), jar);
        // the launcher builds and runs the same jar
        assertThat(Files.readString(ROOT.resolve("headroom"))).contains("$HEADROOM_HOME/" + jar);
        // and the build context keeps it
        assertThat(Files.readString(ROOT.resolve(".dockerignore"))).contains("!" + jar);
    }

    @Test
    void aDockerfileWithAnotherJarOrAnOldJreIsToldApart() throws IOException {
        String good = Files.readString(ROOT.resolve("Dockerfile"));
        String jar = builtJar();
        assertThatThrownBy(() -> check(good.replace(jar, "target/headroom-cli-0.1.0.jar"), jar))
                .isInstanceOf(AssertionError.class).hasMessageContaining("the jar the Dockerfile copies");
        assertThatThrownBy(() -> check(good.replace("eclipse-temurin:21-jre", "eclipse-temurin:17-jre"), jar))
                .isInstanceOf(AssertionError.class).hasMessageContaining("version");
        assertThatThrownBy(() -> check(good.replace("/opt/headroom/headroom.jar\"]", "/opt/other.jar\"]"), jar))
                .isInstanceOf(AssertionError.class).hasMessageContaining("ENTRYPOINT");
    }

    @Test
    void thePodsArgumentsAreCommandsOfThisCli() throws IOException {
        Path plan = K8sManifestTest.plan(dir);
        RunObjectsSpec spec = new RunObjectsSpec("hr-e2e-abcde", "load", "headroom:test", "IfNotPresent", 3, 7070, 60, 60,
                PlanBundle.read(plan, List.of()), List.of("-e", "A=b", "--no-thresholds", "--tag", "v=1"));
        RunObjects objects = RunObjects.of(spec);
        List<List<String>> commands = List.of(objects.coordinator().getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs(),
                objects.agents().getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs());
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        for (List<String> args : commands) {
            CommandLine cli = Main.commandLine(none, none);
            CommandLine.ParseResult parsed = cli.parseArgs(args.toArray(String[]::new));
            List<String> path = new ArrayList<>();
            for (CommandLine.ParseResult p = parsed.subcommand(); p != null; p = p.subcommand()) path.add(p.commandSpec().name());
            assertThat(path).as(String.join(" ", args)).isNotEmpty();
            assertThat(parsed.unmatched()).as("unmatched " + args).isEmpty();
        }
        // negative control: an argument the CLI does not know is not parsed silently
        assertThatThrownBy(() -> Main.commandLine(none, none).parseArgs("agent", "--no-such-option", "p.yaml"))
                .isInstanceOf(CommandLine.ParameterException.class);
    }
}
