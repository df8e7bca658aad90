package io.headroom.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code headroom init}: every test type writes a plan that the plan loader accepts. */
class InitCommandTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(InitCommand.Shape.class)
    void everyTestTypeWritesAValidCommentedPlan(InitCommand.Shape shape) throws IOException {
        String type = shape.name().toLowerCase(Locale.ROOT);
        Path plan = dir.resolve(type + ".yaml");
        CliRun init = CliRun.of("init", type, "--url", "http://127.0.0.1:8080/products?limit=20", "-o", plan.toString());
        assertThat(init.exitCode()).as(init.toString()).isZero();
        String yaml = Files.readString(plan);
        assertThat(yaml).startsWith("# ").contains("Use it for:", "baseUrl: ${ENV:BASE_URL:-http://127.0.0.1:8080}",
                "get: \"/products?limit=20\"");
        CliRun validate = CliRun.of("validate", plan.toString());
        assertThat(validate.exitCode()).as(validate + "\n" + yaml).isZero();
        assertThat(validate.out()).contains("valid plan \"" + type + "\"");
    }

    @Test
    void anExistingFileIsKeptUnlessForced() throws IOException {
        Path plan = dir.resolve("load.yaml");
        Files.writeString(plan, "mine");
        CliRun refused = CliRun.of("init", "load", "--url", "http://127.0.0.1:8080/", "-o", plan.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("exists");
        assertThat(Files.readString(plan)).isEqualTo("mine");
        assertThat(CliRun.of("init", "load", "--url", "http://127.0.0.1:8080/", "-o", plan.toString(), "--force").exitCode()).isZero();
    }

    @Test
    void anUnknownTypeOrARelativeUrlIsAUsageError() {
        assertThat(CliRun.of("init", "chaos", "--url", "http://127.0.0.1/").err()).contains("expected one of load, stress");
        CliRun relative = CliRun.of("init", "load", "--url", "/products", "-o", dir.resolve("x.yaml").toString());
        assertThat(relative.exitCode()).isEqualTo(2);
        assertThat(relative.err()).contains("absolute http(s) URL");
    }
}
