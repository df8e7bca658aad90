package io.headroom.core;

import io.headroom.testing.SourceFileSize;
import org.junit.jupiter.api.Test;

import java.util.Map;

/**
 * No production source file of any module of the repository is over {@value SourceFileSize#MAX_LINES} lines
 * (issue 11). One test here covers every module, a new one included, without a dependency of its own.
 */
class SourceFileSizeTest {
    /** Files allowed over the limit, each with why; an entry fails the test once its file is under the limit. None. */
    private static final Map<String, String> ALLOWED = Map.of();

    @Test
    void noProductionSourceFileOfAnyModuleIsOverTheLimit() {
        SourceFileSize.assertNoneOver(SourceFileSize.repositoryRoot(), SourceFileSize.MAX_LINES, ALLOWED);
    }
}
