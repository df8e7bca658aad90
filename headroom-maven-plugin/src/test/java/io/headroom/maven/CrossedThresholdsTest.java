package io.headroom.maven;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CrossedThresholdsTest {
    @Test
    void listsEachCrossedThresholdOfTheThresholdsSuiteWithTheCliMessage(@TempDir Path dir) throws IOException {
        Path xml = dir.resolve("junit.xml");
        Files.writeString(xml, """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuites name="headroom: checkout" tests="3" failures="2">
                  <testsuite name="headroom.thresholds" tests="2" failures="1">
                    <testcase classname="headroom.thresholds" name="http_req_duration p(95)&lt;1">
                      <failure message="threshold crossed: p(95)=41.15ms does not satisfy &apos;p(95)&lt;1&apos;" type="thresholds"/>
                    </testcase>
                    <testcase classname="headroom.thresholds" name="http_req_failed rate&lt;0.05"><system-out>rate=0.00%</system-out></testcase>
                  </testsuite>
                  <testsuite name="headroom.checks" tests="1" failures="1">
                    <testcase classname="headroom.checks" name="status is 200"><failure message="check failed"/></testcase>
                  </testsuite>
                </testsuites>
                """);

        assertThat(CrossedThresholds.read(xml)).containsExactly(
                "http_req_duration p(95)<1: threshold crossed: p(95)=41.15ms does not satisfy 'p(95)<1'");
    }

    @Test
    void aMissingFileListsNothing(@TempDir Path dir) {
        assertThat(CrossedThresholds.read(dir.resolve("absent.xml"))).isEmpty();
    }
}
