package io.headroom.script;

import io.headroom.core.metric.MetricRegistry;
import io.headroom.core.time.NanoClock;
import io.headroom.http.HttpMethod;
import io.headroom.http.HttpRequest;
import io.headroom.http.HttpResponse;
import io.headroom.http.HttpSession;
import io.headroom.http.HttpTimings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A body-less request equal to the last one is sent as the same object; any difference builds a new one. */
class HttpRequestReuseTest {
    /** Keeps every request it is asked to send and answers 200. */
    private static final class CapturingSession implements HttpSession {
        final List<HttpRequest> sent = new ArrayList<>();

        @Override
        public HttpResponse send(HttpRequest request) {
            sent.add(request);
            return new HttpResponse(request.url(), 200, List.of(), new byte[0], HttpTimings.NONE, null, 10, 10, List.of());
        }

        @Override
        public void close() {}
    }

    @Test
    void eachRequestIsSentAsWrittenWhenItDiffersFromTheLastInOnePart() {
        CapturingSession session = new CapturingSession();
        TestVuContext ctx = new TestVuContext(1, "reuse", new MetricRegistry(NanoClock.system()));
        Vu vu = new Vu(ctx, VuSettings.DEFAULTS.withBaseUrl("http://127.0.0.1:9"), session);
        Http http = vu.http();

        http.get("/a");
        http.get("/a");
        http.get("/a", Params.none().header("X-Trace", "1"));
        http.get("/a");
        http.head("/a");
        http.get("/b");
        http.get("/b", Params.none().timeout(Duration.ofSeconds(3)));
        http.get("/b", Params.none().redirects(0));
        http.post("/b", Json.of("n", 1));
        http.post("/b", Json.of("n", 2));
        http.get("/b");

        List<HttpRequest> sent = session.sent;
        assertThat(sent).hasSize(11);
        assertThat(sent.get(1)).isSameAs(sent.get(0));
        assertThat(sent.get(2).headers()).extracting(h -> h.name() + ":" + h.value()).containsExactly("X-Trace:1");
        assertThat(sent.get(3).headers()).isEmpty();
        assertThat(sent.get(4).method()).isEqualTo(HttpMethod.HEAD);
        assertThat(sent.get(5).url().getPath()).isEqualTo("/b");
        assertThat(sent.get(6).timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(sent.get(7).timeout()).isNull();
        assertThat(sent.get(7).maxRedirects()).isZero();
        assertThat(new String(sent.get(8).body())).isEqualTo("{\"n\":1}");
        assertThat(new String(sent.get(9).body())).isEqualTo("{\"n\":2}");
        assertThat(sent.get(10).method()).isEqualTo(HttpMethod.GET);
        assertThat(sent.get(10).body()).isEmpty();
        assertThat(sent.get(10).maxRedirects()).isNull();
    }
}
