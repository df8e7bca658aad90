package io.headroom.script;

import java.util.Locale;

/**
 * Where {@code http_req_duration} of an open-model iteration's first request starts counting: from the
 * iteration's intended start ({@link #INTENDED}, the default, coordinated-omission correct), or from the
 * actual send ({@link #ACTUAL}, what Gatling, Vegeta and wrk without the "2" report). Closed-model executors
 * have no schedule, so both mean the actual send there. {@code http_req_service_duration} always counts from
 * the actual send.
 */
public enum LatencyOrigin {
    INTENDED,
    ACTUAL;

    /** The plan's spelling: {@code intended} or {@code actual}. */
    public String planName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The origin spelled {@code text} in a plan (case-insensitive), or null when it is neither. */
    public static LatencyOrigin fromPlanName(String text) {
        if (text == null) return null;
        for (LatencyOrigin o : values()) {
            if (o.planName().equalsIgnoreCase(text.strip())) return o;
        }
        return null;
    }
}
