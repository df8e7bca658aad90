package io.headroom.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Redirect method rules, Location resolution and body rules of RFC 9110. */
class HttpSemanticsTest {
    private static final URI BASE = URI.create("http://example.com/a/b/c?q=1");

    @Test
    void parsesMethodNamesOnceAndCaseSensitively() {
        assertThat(HttpMethod.of("GET")).isSameAs(HttpMethod.GET);
        assertThat(HttpMethod.of("CONNECT")).isSameAs(HttpMethod.CONNECT);
        assertThat(HttpMethod.of("get")).isEqualTo(new HttpMethod.Extension("get"));
        assertThat(HttpMethod.of("PURGE").name()).isEqualTo("PURGE");
    }

    @Test
    void changesTheMethodLikeBrowsersDo() {
        assertThat(HttpSemantics.redirectMethod(303, HttpMethod.POST)).isEqualTo(HttpMethod.GET);
        assertThat(HttpSemantics.redirectMethod(303, HttpMethod.PUT)).isEqualTo(HttpMethod.GET);
        assertThat(HttpSemantics.redirectMethod(303, HttpMethod.HEAD)).isEqualTo(HttpMethod.HEAD);
        assertThat(HttpSemantics.redirectMethod(301, HttpMethod.POST)).isEqualTo(HttpMethod.GET);
        assertThat(HttpSemantics.redirectMethod(302, HttpMethod.POST)).isEqualTo(HttpMethod.GET);
        assertThat(HttpSemantics.redirectMethod(302, HttpMethod.DELETE)).isEqualTo(HttpMethod.DELETE);
        assertThat(HttpSemantics.redirectMethod(307, HttpMethod.POST)).isEqualTo(HttpMethod.POST);
        assertThat(HttpSemantics.redirectMethod(308, HttpMethod.PATCH)).isEqualTo(HttpMethod.PATCH);
    }

    @Test
    void followsOnlyTheRedirectStatusesOfSection15_4() {
        assertThat(HttpSemantics.isFollowedRedirect(301)).isTrue();
        assertThat(HttpSemantics.isFollowedRedirect(308)).isTrue();
        assertThat(HttpSemantics.isFollowedRedirect(300)).isFalse();
        assertThat(HttpSemantics.isFollowedRedirect(304)).isFalse();
        assertThat(HttpSemantics.isFollowedRedirect(305)).isFalse();
    }

    @Test
    void resolvesLocationsAgainstTheAnsweringUrl() {
        assertThat(HttpSemantics.resolveLocation(BASE, "d")).hasToString("http://example.com/a/b/d");
        assertThat(HttpSemantics.resolveLocation(BASE, "../x?y=2")).hasToString("http://example.com/a/x?y=2");
        assertThat(HttpSemantics.resolveLocation(BASE, "/root")).hasToString("http://example.com/root");
        assertThat(HttpSemantics.resolveLocation(BASE, "//other.org/p")).hasToString("http://other.org/p");
        assertThat(HttpSemantics.resolveLocation(BASE, "https://secure.example.com/#frag"))
                .hasToString("https://secure.example.com/");
        assertThat(HttpSemantics.resolveLocation(URI.create("http://example.com"), "next"))
                .hasToString("http://example.com/next");
    }

    @Test
    void escapesCharactersServersSendUnencoded() {
        assertThat(HttpSemantics.resolveLocation(BASE, "/with space/ü")).hasToString("http://example.com/with%20space/%C3%BC");
        assertThat(HttpSemantics.resolveLocation(BASE, "/already%20encoded")).hasToString("http://example.com/already%20encoded");
    }

    @Test
    void refusesLocationsThatAreNotHttp() {
        assertThat(HttpSemantics.resolveLocation(BASE, "ftp://example.com/file")).isNull();
        assertThat(HttpSemantics.resolveLocation(BASE, "mailto:someone@example.com")).isNull();
        assertThat(HttpSemantics.resolveLocation(BASE, "")).isNull();
        assertThat(HttpSemantics.resolveLocation(BASE, null)).isNull();
    }

    @Test
    void knowsWhichResponsesHaveNoBody() {
        assertThat(HttpSemantics.responseHasBody(HttpMethod.HEAD, 200)).isFalse();
        assertThat(HttpSemantics.responseHasBody(HttpMethod.GET, 204)).isFalse();
        assertThat(HttpSemantics.responseHasBody(HttpMethod.GET, 304)).isFalse();
        assertThat(HttpSemantics.responseHasBody(HttpMethod.GET, 100)).isFalse();
        assertThat(HttpSemantics.responseHasBody(HttpMethod.GET, 200)).isTrue();
        assertThat(HttpSemantics.responseHasBody(HttpMethod.POST, 404)).isTrue();
    }

    @Test
    void retriesOnlyIdempotentMethods() {
        assertThat(HttpSemantics.isIdempotent(HttpMethod.of("PURGE"))).isFalse();
        assertThat(HttpSemantics.isIdempotent(HttpMethod.GET)).isTrue();
        assertThat(HttpSemantics.isIdempotent(HttpMethod.PUT)).isTrue();
        assertThat(HttpSemantics.isIdempotent(HttpMethod.DELETE)).isTrue();
        assertThat(HttpSemantics.isIdempotent(HttpMethod.POST)).isFalse();
        assertThat(HttpSemantics.isIdempotent(HttpMethod.PATCH)).isFalse();
    }
}
