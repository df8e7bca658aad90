package io.headroom.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** README's exit-code table lists exactly the codes of {@link ExitCode}, which the help footer is generated from. */
class ExitCodeDocsTest {
    private static final Pattern ROW = Pattern.compile("(?m)^\\| (\\d+) \\|");

    @Test
    void theReadmeTableHasOneRowPerExitCode() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("\n## Exit codes\n");
        assertThat(start).as("README's '## Exit codes' section").isPositive();
        int end = readme.indexOf("\n## ", start + 1);
        Set<Integer> documented = codes(readme.substring(start, end < 0 ? readme.length() : end));
        Set<Integer> defined = Arrays.stream(ExitCode.values()).map(ExitCode::code).collect(Collectors.toCollection(TreeSet::new));
        assertThat(documented).isEqualTo(defined);
    }

    @Test
    void aTableMissingACodeIsToldApart() {
        // The parse the check relies on, on a table with 99 left out: the sets differ.
        Set<Integer> documented = codes("| code | meaning |\n|---:|---|\n| 0 | ok |\n| 2 | usage |\n");
        assertThat(documented).containsExactly(0, 2).doesNotContain(ExitCode.THRESHOLDS_CROSSED.code());
    }

    private static Set<Integer> codes(String table) {
        Set<Integer> codes = new TreeSet<>();
        Matcher m = ROW.matcher(table);
        while (m.find()) codes.add(Integer.parseInt(m.group(1)));
        return codes;
    }
}
