package io.headroom.distributed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;

/**
 * The control channel between a coordinator and its agents: plain HTTP/1.1, JSON messages ({@link Messages}) and
 * binary snapshot bodies ({@link SnapshotCodec}). Agents dial the coordinator, so agents need no open port.
 *
 * <pre>
 * POST /v1/register   Register   -> 200 Registered | 409 Refused (version, plan hash, index taken, run full)
 * GET  /v1/time                  -> 200 Time       (clock-offset samples, NTP style)
 * POST /v1/ready      Ready      -> 200 Start      (long poll: the start barrier's one instant, or abort)
 * POST /v1/heartbeat  Heartbeat  -> 200 Command    (every 500 ms; the answer carries stop requests)
 * POST /v1/snapshot   binary     -> 200 Command    (one interval snapshot a second; X-Headroom-Agent, X-Headroom-Seq)
 * POST /v1/done       Done       -> 200 Command
 * </pre>
 */
public final class Protocol {
    /** Bumped on any incompatible change to the messages or paths; an agent of another protocol is refused. */
    public static final int VERSION = 1;
    /** How often an agent says it is alive. */
    public static final long HEARTBEAT_INTERVAL_MILLIS = 500;
    /** An agent silent this long is lost; a coordinator that has not answered this long is lost to its agents. */
    public static final long LOST_AFTER_MILLIS = 5_000;
    /** The environment variable that replaces {@link #LOST_AFTER_MILLIS} (milliseconds), for machines so busy that 5 s of silence is normal. */
    public static final String LOST_AFTER_ENV = "HEADROOM_LOST_AFTER_MS";
    /** Refused connections in a row after which the coordinator is gone (its port closed: it is not merely slow). */
    public static final int REFUSED_IN_A_ROW = 3;
    /** The largest message or snapshot body either side reads (a snapshot of many series, compressed). */
    public static final int MAX_BODY_BYTES = 32 * 1024 * 1024;
    /** How far after the last agent got ready the start instant lies: time for every agent to hear of it. */
    public static final long START_LEAD_MILLIS = 500;
    /** Clock-offset samples an agent takes before it says it is ready. */
    public static final int CLOCK_SAMPLES = 8;

    static final String REGISTER = "/v1/register";
    static final String TIME = "/v1/time";
    static final String READY = "/v1/ready";
    static final String HEARTBEAT = "/v1/heartbeat";
    static final String SNAPSHOT = "/v1/snapshot";
    static final String DONE = "/v1/done";
    static final String AGENT_HEADER = "X-Headroom-Agent";
    static final String SEQ_HEADER = "X-Headroom-Seq";

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Protocol() {}

    /** The silence after which a peer is lost: {@value #LOST_AFTER_ENV} when set to a number of 1000 or more, else {@link #LOST_AFTER_MILLIS}. */
    public static long lostAfterMillis() {
        String value = System.getenv(LOST_AFTER_ENV);
        if (value == null) return LOST_AFTER_MILLIS;
        try {
            return Math.max(1000, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return LOST_AFTER_MILLIS;
        }
    }

    static byte[] write(Object message) {
        try {
            return JSON.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a protocol message did not serialise: " + e.getMessage(), e);
        }
    }

    static <T> T read(byte[] body, Class<T> type) throws IOException {
        return JSON.readValue(body, type);
    }
}
