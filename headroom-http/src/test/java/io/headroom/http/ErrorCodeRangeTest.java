package io.headroom.http;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorCodeRangeTest {
    @Test
    void everyHeadroomCodeLiesInOneRangeThatIsNotAStatus() {
        for (HttpErrorCode c : HttpErrorCode.values()) {
            assertThat(ErrorCodeRange.of(c.number())).as(c.name()).isPresent();
            assertThat(ErrorCodeRange.of(c.number()).get().isStatus()).as(c.name()).isFalse();
        }
        assertThat(ErrorCodeRange.of(HttpErrorCode.TCP_DIAL_REFUSED.number())).contains(ErrorCodeRange.TCP);
        assertThat(ErrorCodeRange.of(HttpErrorCode.REQUEST_TIMEOUT.number())).contains(ErrorCodeRange.GENERAL);
    }

    @Test
    void statusesMirrorAsK6Does() {
        assertThat(ErrorCodeRange.ofStatus(404)).isEqualTo(1404);
        assertThat(ErrorCodeRange.ofStatus(503)).isEqualTo(1503);
        assertThat(ErrorCodeRange.ofStatus(200)).isZero();
        assertThat(ErrorCodeRange.ofStatus(399)).isZero();
        assertThat(ErrorCodeRange.ofStatus(600)).isZero();
        assertThat(ErrorCodeRange.ofTag("1404")).contains(ErrorCodeRange.HTTP_4XX);
        assertThat(ErrorCodeRange.ofTag("1599").map(ErrorCodeRange::isStatus)).contains(true);
    }

    @Test
    void tagValuesOutsideTheRangesHaveNone() {
        assertThat(ErrorCodeRange.ofTag(null)).isEqualTo(Optional.empty());
        assertThat(ErrorCodeRange.ofTag("999")).isEmpty();
        assertThat(ErrorCodeRange.ofTag("2000")).isEmpty();
        assertThat(ErrorCodeRange.ofTag("1900")).contains(ErrorCodeRange.WEBSOCKET);
        assertThat(ErrorCodeRange.ofTag("14x4")).isEmpty();
        assertThat(ErrorCodeRange.ofTag("01212")).isEmpty();
    }
}
