package io.headroom.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The manifest ({@link RunObjects#toYaml()}, what {@code k8s manifest} prints) read back as YAML meets the expectations. */
class RunObjectsTest {
    @TempDir
    Path dir;

    static List<HasMetadata> parse(String yaml) {
        try (KubernetesClient client = new KubernetesClientBuilder().build()) {
            return client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items();
        }
    }

    @Test
    void theManifestReadBackAsYamlHasEveryObjectAndField() throws IOException {
        RunObjectsSpec spec = RunObjectsExpectations.spec(dir, 3);
        String yaml = RunObjects.of(spec).toYaml();
        assertThat(yaml).startsWith("---").contains("completionMode: \"Indexed\"").doesNotContain("ownerReferences");
        RunObjectsExpectations.check(parse(yaml), spec, false);
    }

    @Test
    void theExpectationsTellAWrongObjectApart() throws IOException {
        RunObjectsSpec spec = RunObjectsExpectations.spec(dir, 3);
        RunObjects good = RunObjects.of(spec);
        Job notIndexed = new JobBuilder(good.agents()).editSpec().withCompletionMode("NonIndexed").endSpec().build();
        Job fewer = new JobBuilder(good.agents()).editSpec().withParallelism(2).endSpec().build();
        Job noTtl = new JobBuilder(good.coordinator()).editSpec().withTtlSecondsAfterFinished(null).endSpec().build();
        Job packed = new JobBuilder(good.agents()).editSpec().editTemplate().editSpec().withAffinity(null).endSpec().endTemplate().endSpec().build();
        assertThatThrownBy(() -> RunObjectsExpectations.check(List.of(good.configMap(), good.service(), good.coordinator(), packed), spec, false))
                .isInstanceOf(AssertionError.class).hasMessageContaining("agents affinity");
        assertThatThrownBy(() -> RunObjectsExpectations.check(List.of(good.configMap(), good.service(), good.coordinator(), notIndexed), spec, false))
                .isInstanceOf(AssertionError.class).hasMessageContaining("completionMode");
        assertThatThrownBy(() -> RunObjectsExpectations.check(List.of(good.configMap(), good.service(), good.coordinator(), fewer), spec, false))
                .isInstanceOf(AssertionError.class).hasMessageContaining("parallelism");
        assertThatThrownBy(() -> RunObjectsExpectations.check(List.of(good.configMap(), good.service(), noTtl, good.agents()), spec, false))
                .isInstanceOf(AssertionError.class).hasMessageContaining("ttl");
        // a manifest must not refer to an owner, a created run must
        assertThatThrownBy(() -> RunObjectsExpectations.check(good.all(), spec, true)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("owner");
        List<HasMetadata> missing = new ArrayList<>(good.all());
        missing.remove(good.service());
        assertThatThrownBy(() -> RunObjectsExpectations.check(missing, spec, false)).isInstanceOf(AssertionError.class);
    }

    @Test
    void agentResourcesAreRequestsAndLimitsAndTheExpectationsSeeTheirAbsence() throws IOException {
        RunObjectsSpec plain = RunObjectsExpectations.spec(dir, 2);
        RunObjectsSpec sized = new RunObjectsSpec(plain.runId(), plain.namespace(), plain.image(), plain.imagePullPolicy(), 2,
                plain.port(), plain.ttlSecondsAfterFinished(), plain.agentWaitSeconds(), plain.plan(), plain.runOptions(),
                new RunObjectsSpec.PodResources("2", "1Gi"));
        RunObjectsExpectations.check(parse(RunObjects.of(sized).toYaml()), sized, false);
        assertThatThrownBy(() -> RunObjectsExpectations.check(RunObjects.of(plain).all(), sized, false))
                .isInstanceOf(AssertionError.class).hasMessageContaining("agent");
        assertThatThrownBy(() -> RunObjectsExpectations.check(RunObjects.of(sized).all(), plain, false))
                .isInstanceOf(AssertionError.class).hasMessageContaining("agent resources");
    }

    @Test
    void thePlanAndItsDataFileGoIntoTheConfigMapAtTheirPaths() throws IOException {
        Path plan = RunObjectsExpectations.planWithData(dir);
        PlanBundle bundle = PlanBundle.read(plan, List.of());
        assertThat(bundle.files()).extracting(PlanBundle.PlanFile::key, PlanBundle.PlanFile::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("shop.yaml", "shop.yaml"),
                        org.assertj.core.groups.Tuple.tuple("data__users.csv", "data/users.csv"));
    }

    @Test
    void aPlanWithoutDataCarriesOnlyItself() throws IOException {
        Path plan = Files.writeString(dir.resolve("hello.yaml"), "name: hello\nscenarios: {}\n");
        assertThat(PlanBundle.read(plan, List.of()).files()).extracting(PlanBundle.PlanFile::path).containsExactly("hello.yaml");
    }

    @Test
    void aDataFileOutsideThePlansFolderIsRefusedByName() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("plans"));
        Files.writeString(dir.resolve("users.csv"), "u\n1\n");
        Path plan = Files.writeString(sub.resolve("p.yaml"), "name: p\ndata:\n  users: ../users.csv\n");
        assertThatThrownBy(() -> PlanBundle.read(plan, List.of())).isInstanceOf(PlanBundleException.class)
                .hasMessageContaining("../users.csv").hasMessageContaining("outside the plan's folder");
    }

    @Test
    void filesOverTheConfigMapLimitAreRefusedAndJustUnderAreTaken() throws IOException {
        Path plan = Files.writeString(dir.resolve("p.yaml"), "name: p\ndata:\n  big: big.csv\n");
        long planBytes = Files.size(plan);
        Files.write(dir.resolve("big.csv"), new byte[(int) (PlanBundle.MAX_BYTES - planBytes)]);
        assertThat(PlanBundle.read(plan, List.of()).totalBytes()).isEqualTo(PlanBundle.MAX_BYTES);
        Files.write(dir.resolve("big.csv"), new byte[(int) (PlanBundle.MAX_BYTES - planBytes + 1)]);
        assertThatThrownBy(() -> PlanBundle.read(plan, List.of())).isInstanceOf(PlanBundleException.class)
                .hasMessageContaining("big.csv").hasMessageContaining("docs/limits.md");
    }

    @Test
    void aBinaryFileGoesIntoBinaryData() throws IOException {
        Path plan = Files.writeString(dir.resolve("p.yaml"), "name: p\n");
        Path bin = Files.write(dir.resolve("blob.bin"), new byte[] {(byte) 0xff, (byte) 0xfe, 0});
        RunObjectsSpec spec = new RunObjectsSpec("hr-p-abcde", "default", "img", "IfNotPresent", 1, 7070, 60, 60,
                PlanBundle.read(plan, List.of(bin)), List.of());
        var cm = RunObjects.of(spec).configMap();
        assertThat(cm.getData()).containsOnlyKeys("p.yaml");
        assertThat(cm.getBinaryData()).containsEntry("blob.bin", "//4A");
    }

    @Test
    void runIdsAreDnsLabelsOfBoundedLength() {
        String id = RunObjectsSpec.newRunId("A Very_Long Plan Name That Goes On And On.yaml");
        assertThat(id).matches("hr-[a-z0-9-]+-[a-z0-9]{5}").hasSizeLessThanOrEqualTo(RunObjectsSpec.MAX_RUN_ID);
        assertThatThrownBy(() -> new RunObjectsSpec("Bad_Id", "default", "img", "IfNotPresent", 1, 7070, 60, 60,
                new PlanBundle("p.yaml", List.of()), List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
