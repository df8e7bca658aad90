package io.headroom.core.engine;

import io.headroom.http.ErrorCodeRange;
import io.headroom.http.HttpErrorCode;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Core's repeated-failure stop cannot see headroom-http, so it names the timeout codes it never stops on as
 * text; here (script sees both) they are held to {@link HttpErrorCode}'s numbers. In core's package to read them.
 */
class TimeoutCodesParityTest {
    @Test
    void theCodesCoreNeverStopsOnAreHttpsTimeouts() {
        Set<String> timeouts = Arrays.stream(HttpErrorCode.values())
                .filter(c -> c == HttpErrorCode.REQUEST_TIMEOUT || c == HttpErrorCode.TCP_DIAL_TIMEOUT)
                .map(c -> Integer.toString(c.number())).collect(Collectors.toSet());
        assertThat(RepeatedFailureWatch.TIMEOUTS).isEqualTo(timeouts);
    }

    @Test
    void noneOfThemIsAStatus() {
        // A control on the other side: a refused connection (1212) is a code core does stop on.
        assertThat(RepeatedFailureWatch.TIMEOUTS).doesNotContain(Integer.toString(HttpErrorCode.TCP_DIAL_REFUSED.number()));
        for (String code : RepeatedFailureWatch.TIMEOUTS) assertThat(ErrorCodeRange.ofTag(code).orElseThrow().isStatus()).isFalse();
    }
}
