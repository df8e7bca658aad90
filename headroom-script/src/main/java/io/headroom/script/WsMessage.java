package io.headroom.script;

/**
 * One received WebSocket message as a scenario sees it. Immutable; its JSON is parsed on the first {@link #json}.
 *
 * @param text the message (UTF-8 text; a binary message's bytes as ISO-8859-1)
 * @param receivedNanos when it arrived, {@code System.nanoTime()} nanoseconds
 */
public record WsMessage(String text, boolean binary, long receivedNanos) {
    /** The value at a JSON path ({@code $.status}) as text, or null when absent or the message is not JSON. */
    public String json(String path) {
        return json(JsonPaths.compile(path));
    }

    /** The value at a compiled JSON path as text, or null when absent or the message is not JSON. */
    public String json(com.jayway.jsonpath.JsonPath path) {
        return JsonPaths.asText(JsonPaths.read(JsonPaths.parse(text), path));
    }
}
