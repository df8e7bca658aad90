package io.headroom.script.plan;

import com.jayway.jsonpath.JsonPath;
import io.headroom.script.Vu;
import io.headroom.script.WsMessage;
import io.headroom.script.WsParams;
import io.headroom.script.WsSession;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The compiled {@code websocket} step and the actions of its {@code session} list (read by {@link WebsocketStepReader}).
 * Immutable and thread-safe; all per-session state lives in the {@link WsSession}.
 */
final class WsActions {
    private WsActions() {}

    /** One entry of a session's list. */
    sealed interface Action permits Send, Expect, Every, Ping, Hold, Close {
        void run(Vu vu, WsSession session);
    }

    /** A message to send: text or JSON, rendered per send. */
    sealed interface Payload permits TextPayload, JsonPayload {
        String render(Vu vu);
    }

    record TextPayload(Template text) implements Payload {
        public String render(Vu vu) {
            return text.render(vu);
        }
    }

    record JsonPayload(JsonTemplate json) implements Payload {
        public String render(Vu vu) {
            return new String(json.render(vu), StandardCharsets.UTF_8);
        }
    }

    record Send(Payload payload) implements Action {
        public void run(Vu vu, WsSession session) {
            session.send(payload.render(vu));
        }
    }

    /**
     * Waits up to {@code within} for a message that matches (a JSON path's value equal to {@code equals}, or present
     * when {@code equals} is null; and/or a regex found in the value, or in the whole text without a path); records
     * the check {@code name}.
     */
    record Expect(String name, JsonPath path, Template equals, Pattern regex, Duration within) implements Action {
        public void run(Vu vu, WsSession session) {
            String want = equals == null ? null : equals.render(vu);
            WsMessage m = session.expect(within, msg -> matches(msg, want));
            vu.check(name, m != null);
        }

        private boolean matches(WsMessage m, String want) {
            String value = m.text();
            if (path != null) {
                value = m.json(path);
                if (value == null) return false;
                if (want != null && !want.equals(value)) return false;
            }
            return regex == null || regex.matcher(value).find();
        }
    }

    /** Runs its actions every {@code interval} for {@code during}, taking messages in between. */
    record Every(Duration interval, Duration during, List<Action> actions) implements Action {
        public void run(Vu vu, WsSession session) {
            session.every(interval, during, () -> {
                for (int i = 0; i < actions.size(); i++) actions.get(i).run(vu, session);
            });
        }
    }

    record Ping() implements Action {
        public void run(Vu vu, WsSession session) {
            session.ping();
        }
    }

    record Hold(Duration duration) implements Action {
        public void run(Vu vu, WsSession session) {
            session.hold(duration);
        }
    }

    record Close(int code) implements Action {
        public void run(Vu vu, WsSession session) {
            session.close(code);
        }
    }

    /** {@code websocket: URL} with its options and session: one session per run of the step. */
    record Websocket(Template url, List<FlowStep.Field> headers, WsParams params, List<Action> session) implements FlowStep {
        public void run(Vu vu) throws Exception {
            WsParams p = params;
            for (int i = 0; i < headers.size(); i++) p = p.withHeader(headers.get(i).name(), headers.get(i).value().render(vu));
            vu.ws().connect(url.render(vu), p, s -> {
                for (int i = 0; i < session.size(); i++) session.get(i).run(vu, s); // after an end, expects fail their checks
            });
        }
    }
}
