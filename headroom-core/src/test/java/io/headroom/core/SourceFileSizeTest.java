package io.headroom.core;

import io.headroom.testing.SourceFileSize;
import org.junit.jupiter.api.Test;

import java.util.Map;

/**
 * No production source file of any module of the repository is over {@value SourceFileSize#MAX_LINES} lines
 * (issue 11). One test here covers every module, a new one included, without a dependency of its own.
 */
class SourceFileSizeTest {
    /**
     * Files allowed over the limit for now, each with why; an entry fails the test once its file is under the limit.
     * Both are being changed and split on another branch (issue 11's split of the HTTP API and session): remove
     * them when that lands.
     */
    private static final Map<String, String> ALLOWED = Map.of(
            "headroom-script/src/main/java/io/headroom/script/Http.java", "split on another branch",
            "headroom-http/src/main/java/io/headroom/http/socket/SocketHttpSession.java", "split on another branch");

    @Test
    void noProductionSourceFileOfAnyModuleIsOverTheLimit() {
        SourceFileSize.assertNoneOver(SourceFileSize.repositoryRoot(), SourceFileSize.MAX_LINES, ALLOWED);
    }
}
