package io.headroom.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.headroom.kubernetes.PlanBundle;
import io.headroom.kubernetes.RunObjectsExpectations;
import io.headroom.kubernetes.RunObjectsSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code headroom k8s manifest} as a GitOps user runs it: its output read back as YAML, with kubectl's parser's eyes. */
class K8sManifestTest {
    @TempDir
    Path dir;

    /** A valid plan against {@code BASE_URL} that reads {@code data/users.csv}. */
    static Path plan(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/users.csv"), "user\nann\nbob\n");
        return Files.writeString(dir.resolve("k8s-e2e.yaml"), """
                name: k8s-e2e
                baseUrl: ${ENV:BASE_URL:-http://127.0.0.1:8080}
                data:
                  users: data/users.csv
                scenarios:
                  health:
                    executor: shared-iterations
                    vus: 2
                    iterations: 20
                    flow:
                      - get: /health
                        checks:
                          - status: 200
                """);
    }

    static List<HasMetadata> parse(String yaml) {
        try (KubernetesClient client = new KubernetesClientBuilder().build()) {
            return client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items();
        }
    }

    @Test
    void theManifestHasTheRunsObjectsWithEveryField() throws IOException {
        Path plan = plan(dir);
        CliRun r = CliRun.of("k8s", "manifest", plan.toString(), "--agents", "3", "--image", "registry.example/headroom:1.0",
                "--run-id", "hr-e2e-abcde", "-n", "load", "-e", "TARGET=shop", "--ttl", "5m", "--agent-wait", "2m",
                "--agent-cpu", "1500m", "--agent-memory", "2Gi");
        assertThat(r.exitCode()).as(r.err()).isZero();
        RunObjectsSpec expected = new RunObjectsSpec("hr-e2e-abcde", "load", "registry.example/headroom:1.0", "IfNotPresent", 3,
                RunObjectsSpec.DEFAULT_PORT, 300, 120, PlanBundle.read(plan, List.of()), List.of("-e", "TARGET=shop"),
                new RunObjectsSpec.PodResources("1500m", "2Gi"));
        List<HasMetadata> objects = parse(r.out());
        RunObjectsExpectations.check(objects, expected, false);
        assertThat(r.out()).contains("--agent-wait", "\"120s\"", "TARGET=shop");
    }

    @Test
    void withoutANamespaceKubectlDecides() throws IOException {
        CliRun r = CliRun.of("k8s", "manifest", plan(dir).toString(), "--agents", "1", "--run-id", "hr-e2e-abcde");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(parse(r.out())).allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isNull());
        assertThat(r.out()).contains("image: \"headroom:");
    }

    @Test
    void aBrokenPlanIsRefusedWithItsFileAndNothingIsPrinted() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "name: bad\nscenarios:\n  s:\n    executor: nope\n");
        CliRun r = CliRun.of("k8s", "manifest", bad.toString(), "--agents", "2");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("bad.yaml").contains("executor");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void agentsOutsideTheLimitAndAWrongRunIdAreUsageErrors() throws IOException {
        Path plan = plan(dir);
        assertThat(CliRun.of("k8s", "manifest", plan.toString(), "--agents", "0").err()).contains("--agents 0: expected 1 to 1000");
        assertThat(CliRun.of("k8s", "manifest", plan.toString(), "--agents", "1001").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("k8s", "manifest", plan.toString(), "--agents", "1000", "--run-id", "hr-e2e-abcde").exitCode()).isZero();
        CliRun badCpu = CliRun.of("k8s", "manifest", plan.toString(), "--agents", "1", "--agent-cpu", "lots");
        assertThat(badCpu.exitCode()).isEqualTo(2);
        assertThat(badCpu.err()).contains("--agent-cpu lots: expected a positive Kubernetes quantity");
        CliRun badId = CliRun.of("k8s", "manifest", plan.toString(), "--agents", "1", "--run-id", "Not_A_Label");
        assertThat(badId.exitCode()).isEqualTo(2);
        assertThat(badId.err()).contains("--run-id").contains("Not_A_Label");
    }

    @Test
    void theWalkthroughsPlanInTheDocsIsValid() throws IOException {
        String docs = Files.readString(Path.of("..", "docs", "distributed.md"));
        int start = docs.indexOf("cat > web.yaml <<'YAML'\n");
        assertThat(start).as("the walkthrough's plan in docs/distributed.md").isPositive();
        int from = docs.indexOf('\n', start) + 1;
        Path plan = Files.writeString(dir.resolve("web.yaml"), docs.substring(from, docs.indexOf("\nYAML\n", from) + 1));
        CliRun r = CliRun.of("k8s", "manifest", plan.toString(), "--agents", "3", "--namespace", "load");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("parallelism: 3");
    }

    @Test
    void theHelpListsTheCommands() {
        CliRun r = CliRun.of("k8s", "--help");
        assertThat(r.out()).contains("run", "manifest").doesNotContain("coordinator  ");
        assertThat(CliRun.of("--help").out()).contains("k8s");
        assertThat(CliRun.of("k8s", "run", "--help").out()).contains("--agents", "--namespace", "--image", "exit 95");
    }
}
