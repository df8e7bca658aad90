package io.headroom.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** RFC 6265 storage and matching rules, with a manual wall clock. */
class CookieJarTest {
    private final AtomicLong nowMillis = new AtomicLong(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
    private final CookieJar jar = new CookieJar(nowMillis::get);

    @Test
    void sendsNothingFromAnEmptyJar() {
        assertThat(jar.cookieHeader(false, "example.com", "/")).isNull();
    }

    @Test
    void expiresCookiesByMaxAgeOnTheInjectedClock() {
        jar.setCookie("example.com", "/", "a=1; Max-Age=60");
        assertThat(jar.cookieHeader(false, "example.com", "/")).isEqualTo("a=1");
        nowMillis.addAndGet(59_000);
        assertThat(jar.cookieHeader(false, "example.com", "/")).isEqualTo("a=1");
        nowMillis.addAndGet(1_000);
        assertThat(jar.cookieHeader(false, "example.com", "/")).isNull();
        assertThat(jar.cookies()).isEmpty();
    }

    @Test
    void expiresCookiesByExpiresDateInEveryCommonFormat() {
        jar.setCookie("example.com", "/", "rfc1123=1; Expires=Thu, 01 Jan 2026 00:00:10 GMT");
        jar.setCookie("example.com", "/", "netscape=1; expires=Thursday, 01-Jan-26 00:00:20 GMT");
        jar.setCookie("example.com", "/", "asctime=1; Expires=Thu Jan  1 00:00:30 2026");
        assertThat(jar.cookieHeader(false, "example.com", "/")).isEqualTo("rfc1123=1; netscape=1; asctime=1");
        nowMillis.addAndGet(15_000);
        assertThat(jar.cookieHeader(false, "example.com", "/")).isEqualTo("netscape=1; asctime=1");
        nowMillis.addAndGet(10_000);
        assertThat(jar.cookieHeader(false, "example.com", "/")).isEqualTo("asctime=1");
    }

    @Test
    void letsMaxAgeWinOverExpires() {
        jar.setCookie("example.com", "/", "a=1; Expires=Thu, 01 Jan 2026 00:00:01 GMT; Max-Age=3600");
        nowMillis.addAndGet(60_000);
        assertThat(jar.cookieHeader(false, "example.com", "/")).isEqualTo("a=1");
    }

    @Test
    void ignoresAnInvalidExpiresDate() {
        jar.setCookie("example.com", "/", "a=1; Expires=not a date");
        assertThat(jar.cookies()).singleElement().extracting(CookieJar.Cookie::expiresAtEpochMillis)
                .isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void sendsDomainCookiesToSubdomainsButHostOnlyCookiesOnlyToTheirHost() {
        jar.setCookie("www.example.com", "/", "domain=1; Domain=.example.com");
        jar.setCookie("www.example.com", "/", "hostonly=1");
        assertThat(jar.cookieHeader(false, "www.example.com", "/")).isEqualTo("domain=1; hostonly=1");
        assertThat(jar.cookieHeader(false, "api.example.com", "/")).isEqualTo("domain=1");
        assertThat(jar.cookieHeader(false, "example.com", "/")).isEqualTo("domain=1");
        assertThat(jar.cookieHeader(false, "notexample.com", "/")).isNull();
    }

    @Test
    void rejectsDomainsTheHostDoesNotBelongTo() {
        jar.setCookie("www.example.com", "/", "a=1; Domain=other.com");
        jar.setCookie("www.example.com", "/", "b=1; Domain=com");
        jar.setCookie("www.example.com", "/", "c=1; Domain=ww.example.com");
        assertThat(jar.cookies()).isEmpty();
    }

    @Test
    void matchesPathsOnSegmentBoundaries() {
        jar.setCookie("example.com", "/", "a=1; Path=/docs");
        assertThat(jar.cookieHeader(false, "example.com", "/docs")).isEqualTo("a=1");
        assertThat(jar.cookieHeader(false, "example.com", "/docs/web")).isEqualTo("a=1");
        assertThat(jar.cookieHeader(false, "example.com", "/docsets")).isNull();
        assertThat(jar.cookieHeader(false, "example.com", "/")).isNull();
    }

    @Test
    void defaultsThePathToTheRequestDirectory() {
        jar.setCookie("example.com", "/account/login", "a=1");
        assertThat(jar.cookies()).singleElement().extracting(CookieJar.Cookie::path).isEqualTo("/account");
        assertThat(jar.cookieHeader(false, "example.com", "/account/settings")).isEqualTo("a=1");
        assertThat(jar.cookieHeader(false, "example.com", "/other")).isNull();
    }

    @Test
    void sendsSecureCookiesOnlyOverSecureChannels() {
        jar.setCookie("example.com", "/", "s=1; Secure; HttpOnly");
        assertThat(jar.cookieHeader(false, "example.com", "/")).isNull();
        assertThat(jar.cookieHeader(true, "example.com", "/")).isEqualTo("s=1");
    }

    @Test
    void replacesACookieWithTheSameNameDomainAndPathKeepingItsPlace() {
        jar.setCookie("example.com", "/", "first=1");
        jar.setCookie("example.com", "/", "second=2");
        jar.setCookie("example.com", "/", "first=updated");
        assertThat(jar.cookieHeader(false, "example.com", "/")).isEqualTo("first=updated; second=2");
        assertThat(jar.cookies()).hasSize(2);
    }

    @Test
    void ordersLongerPathsFirst() {
        jar.setCookie("example.com", "/", "root=1; Path=/");
        jar.setCookie("example.com", "/", "deep=1; Path=/a/b");
        jar.setCookie("example.com", "/", "mid=1; Path=/a");
        assertThat(jar.cookieHeader(false, "example.com", "/a/b/c")).isEqualTo("deep=1; mid=1; root=1");
    }

    @Test
    void ignoresMalformedSetCookieValues() {
        jar.setCookie("example.com", "/", "no-equals-sign");
        jar.setCookie("example.com", "/", "=value-without-name");
        assertThat(jar.cookies()).isEmpty();
    }

    @Test
    void acceptsIpHostsOnlyForThemselves() {
        jar.setCookie("127.0.0.1", "/", "a=1");
        jar.setCookie("127.0.0.1", "/", "b=1; Domain=0.0.1");
        assertThat(jar.cookieHeader(false, "127.0.0.1", "/")).isEqualTo("a=1");
        assertThat(jar.cookies()).hasSize(1);
    }

    @Test
    void boundsTheNumberOfCookies() {
        for (int i = 0; i < CookieJar.MAX_COOKIES + 10; i++) jar.setCookie("example.com", "/", "c" + i + "=1");
        assertThat(jar.cookies()).hasSize(CookieJar.MAX_COOKIES);
        assertThat(jar.cookies().get(0).name()).isEqualTo("c10");
    }
}
