package io.headroom.script;

import io.headroom.core.metric.MetricRegistry;
import io.headroom.core.time.NanoClock;
import io.headroom.http.HttpHeader;
import io.headroom.http.HttpRequest;
import io.headroom.http.HttpResponse;
import io.headroom.http.HttpSession;
import io.headroom.http.HttpTimings;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one request costs the script layer and the metric registry in allocation, with the transport taken
 * out (a session that hands back one prepared response): the per-request bytes that are Headroom's own,
 * measured with the JDK's per-thread allocation counter on this platform thread.
 */
class RecordingAllocationTest {
    /** Hands back the same response for every request; the wire is not what this test measures. */
    private static final class PreparedSession implements HttpSession {
        private final HttpResponse response;

        PreparedSession(HttpResponse response) {
            this.response = response;
        }

        @Override
        public HttpResponse send(HttpRequest request) {
            return response;
        }

        @Override
        public void close() {}
    }

    @Test
    void recordingARequestAllocatesLittle() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertThat(threads.isThreadAllocatedMemorySupported()).isTrue();
        URI url = URI.create("http://127.0.0.1:9/products/1");
        HttpResponse ok = new HttpResponse(url, 200, List.of(new HttpHeader("Content-Length", "2")), "{}".getBytes(),
                new HttpTimings(0, 0, 0, 10_000, 300_000, 5_000), null, 60, 80, List.of());
        MetricRegistry metrics = new MetricRegistry(NanoClock.system());
        TestVuContext ctx = new TestVuContext(1, "alloc", metrics);
        ctx.openModel = true;
        Vu vu = new Vu(ctx, VuSettings.DEFAULTS.withBaseUrl("http://127.0.0.1:9"), new PreparedSession(ok));

        long warmUp = 50_000, measured = 100_000;
        for (long i = 0; i < warmUp; i++) oneIteration(vu, ctx);
        long before = threads.getCurrentThreadAllocatedBytes();
        for (long i = 0; i < measured; i++) oneIteration(vu, ctx);
        long perRequest = (threads.getCurrentThreadAllocatedBytes() - before) / measured;
        System.out.println("script + metrics allocation per request (transport excluded): " + perRequest + " bytes");
        // Only the Response is expected (48 bytes measured on JDK 25, 2026-11-22; 88 while every request built a new
        // HttpRequest, 160 before the series and check lookups stopped allocating keys); the lookups and the recording
        // itself must add nothing.
        assertThat(perRequest).isLessThan(80);
    }

    @Test
    void aTracedRequestAllocatesItsHeaderAndRequestOnly() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        URI url = URI.create("http://127.0.0.1:9/products/1");
        HttpResponse ok = new HttpResponse(url, 200, List.of(new HttpHeader("Content-Length", "2")), "{}".getBytes(),
                new HttpTimings(0, 0, 0, 10_000, 300_000, 5_000), null, 60, 80, List.of());
        MetricRegistry metrics = new MetricRegistry(NanoClock.system());
        TestVuContext ctx = new TestVuContext(1, "alloc", metrics);
        ctx.openModel = true;
        VuSettings settings = VuSettings.DEFAULTS.withBaseUrl("http://127.0.0.1:9")
                .withHttp(HttpDefaults.DEFAULTS.withTraceContext(true));
        Vu vu = new Vu(ctx, settings, new PreparedSession(ok));

        long warmUp = 50_000, measured = 100_000;
        for (long i = 0; i < warmUp; i++) oneIteration(vu, ctx);
        long before = threads.getCurrentThreadAllocatedBytes();
        for (long i = 0; i < measured; i++) oneIteration(vu, ctx);
        long perRequest = (threads.getCurrentThreadAllocatedBytes() - before) / measured;
        System.out.println("traced request allocation (transport excluded): " + perRequest + " bytes");
        // The Response, plus the header value (a 55-byte String), its HttpHeader, a one-element list and the
        // HttpRequest; the ids, the hex digits and the exemplar check allocate nothing.
        assertThat(perRequest).isLessThan(300);
        assertThat(metrics.exemplars()).hasSize(5);
    }

    private static void oneIteration(Vu vu, TestVuContext ctx) {
        vu.beginIteration(ctx.next(1_000));
        Response r = vu.http().get("/products/1");
        vu.check("ok", r.status() == 200);
    }
}
