package io.headroom.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Redirect method rules, Location resolution and body rules of RFC 9110. */
class HttpSemanticsTest {
    private static final URI BASE = URI.create("http://example.com/a/b/c?q=1");

    @Test
    void changesTheMethodLikeBrowsersDo() {
        assertThat(HttpSemantics.redirectMethod(303, "POST")).isEqualTo("GET");
        assertThat(HttpSemantics.redirectMethod(303, "PUT")).isEqualTo("GET");
        assertThat(HttpSemantics.redirectMethod(303, "HEAD")).isEqualTo("HEAD");
        assertThat(HttpSemantics.redirectMethod(301, "POST")).isEqualTo("GET");
        assertThat(HttpSemantics.redirectMethod(302, "POST")).isEqualTo("GET");
        assertThat(HttpSemantics.redirectMethod(302, "DELETE")).isEqualTo("DELETE");
        assertThat(HttpSemantics.redirectMethod(307, "POST")).isEqualTo("POST");
        assertThat(HttpSemantics.redirectMethod(308, "PATCH")).isEqualTo("PATCH");
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
        assertThat(HttpSemantics.responseHasBody("HEAD", 200)).isFalse();
        assertThat(HttpSemantics.responseHasBody("GET", 204)).isFalse();
        assertThat(HttpSemantics.responseHasBody("GET", 304)).isFalse();
        assertThat(HttpSemantics.responseHasBody("GET", 100)).isFalse();
        assertThat(HttpSemantics.responseHasBody("GET", 200)).isTrue();
        assertThat(HttpSemantics.responseHasBody("POST", 404)).isTrue();
    }

    @Test
    void retriesOnlyIdempotentMethods() {
        assertThat(HttpSemantics.isIdempotent("GET")).isTrue();
        assertThat(HttpSemantics.isIdempotent("PUT")).isTrue();
        assertThat(HttpSemantics.isIdempotent("DELETE")).isTrue();
        assertThat(HttpSemantics.isIdempotent("POST")).isFalse();
        assertThat(HttpSemantics.isIdempotent("PATCH")).isFalse();
    }
}
