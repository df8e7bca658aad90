package io.headroom.script;

import com.jayway.jsonpath.JsonPath;
import io.headroom.core.engine.VuContext;
import io.headroom.core.metric.Tags;
import io.headroom.http.HttpSession;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * The state of one VU that both its scenario API ({@link Vu}) and its HTTP client ({@link Http}) read: the
 * engine's context, the settings, the session, the current group and its tags, and the per-VU caches. It sits
 * below both, so that {@code Http} does not depend on {@code Vu}. Owned by one VU's thread; not thread-safe.
 */
final class VuState {
    private static final int CACHE_LIMIT = 1024;

    final VuSettings settings;
    final HttpSession session;
    /** Compiled JSON paths by expression, shared by this VU's responses. */
    final Map<String, JsonPath> pathCache = new HashMap<>();
    private final Map<String, URI> uriCache = new HashMap<>();
    VuContext context;
    /** The current group path ({@code ::checkout::pay}), empty outside any group. */
    String group = "";
    /** The tags of samples recorded now: the scenario's tags, plus {@code group} inside a group. */
    Tags groupTags;
    /** True until the iteration's first request is sent (it is the one timed from the intended start). */
    boolean firstRequestPending;

    /**
     * Called by each request or call as it is sent: for the first one of an open-model iteration, how long it has
     * waited since the iteration's intended start (ns, at least 0), which its duration then includes (wrk2's
     * coordinated-omission correction); 0 for every later one, for a closed model and when latency is timed from the
     * send. Only the first one reads the clock (a few percent of a request's CPU). The one place HTTP, batches and
     * gRPC take it from.
     */
    long takeFirstRequestQueueNanos() {
        if (!firstRequestPending) return 0;
        firstRequestPending = false;
        if (!context.openModel() || settings.http().latencyFrom() != LatencyOrigin.INTENDED) return 0;
        return Math.max(0, context.clock().nanoTime() - context.intendedStartNanos());
    }

    VuState(VuContext context, VuSettings settings, HttpSession session) {
        this.context = context;
        this.settings = settings;
        this.session = session;
        this.groupTags = context.tags();
    }

    /** The absolute URI for a URL as written, or null when it is not a valid URL. */
    URI resolve(String url) {
        URI uri = uriCache.get(url);
        if (uri != null) return uri;
        String absolute;
        if (url.startsWith("http://") || url.startsWith("https://")) {
            absolute = url;
        } else if (settings.baseUrl() != null) {
            absolute = settings.baseUrl() + (url.startsWith("/") ? url : "/" + url);
        } else {
            return null;
        }
        try {
            uri = new URI(absolute);
            if (uri.getHost() == null) return null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
        if (uriCache.size() < CACHE_LIMIT) uriCache.put(url, uri);
        return uri;
    }
}
