package io.headroom.script.plan;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Requests that could never be sent are plan errors at load time, with file, line, column and field. */
class UrlAndHeaderChecksTest {
    private static final String HEAD = "scenarios:\n  s:\n    executor: per-vu-iterations\n    flow:\n";

    private static Plan load(String yaml, String baseUrlOverride) {
        PlanLoader loader = new PlanLoader(k -> null);
        if (baseUrlOverride != null) loader = loader.withBaseUrl(baseUrlOverride);
        return loader.read(yaml, "plan.yaml", Path.of(""));
    }

    private static List<String> errors(String yaml) {
        PlanException e = catchThrowableOfType(PlanException.class, () -> load(yaml, null));
        assertThat(e).as("expected the plan to be rejected").isNotNull();
        return e.errors().stream().map(PlanError::toString).toList();
    }

    /** A plan whose one step is {@code step} (at line 5), after {@code top} lines (none: nothing shifts). */
    private static String plan(String top, String step) {
        return top + HEAD + step.indent(6);
    }

    @Test
    void relativeUrlWithoutBaseUrlIsAPlanError() {
        assertThat(errors(plan("", "- get: /health"))).containsExactly(
                "plan.yaml:5:14: scenarios.s.flow[0].get: relative URL \"/health\" needs a baseUrl: set 'baseUrl' at the"
                        + " top of the plan or pass --base-url, or write an absolute http:// URL");
        assertThat(errors(plan("", "- request: {method: GET, url: products/1}")).get(0))
                .startsWith("plan.yaml:5:37: scenarios.s.flow[0].request.url: relative URL \"products/1\" needs a baseUrl");
    }

    @Test
    void relativeUrlIsFineWithABaseUrlFromThePlanOrTheCommandLine() {
        assertThat(load(plan("baseUrl: http://127.0.0.1:8080\n", "- get: /health"), null).baseUrl())
                .isEqualTo("http://127.0.0.1:8080");
        assertThat(load(plan("", "- get: /health"), "http://127.0.0.1:9").baseUrl()).isEqualTo("http://127.0.0.1:9");
        // The command line wins over the plan.
        assertThat(load(plan("baseUrl: http://127.0.0.1:8080\n", "- get: /health"), "http://127.0.0.1:9").baseUrl())
                .isEqualTo("http://127.0.0.1:9");
        // A wrong baseUrl is one error, not one more per relative URL.
        assertThat(errors(plan("baseUrl: ftp://x\n", "- get: /health"))).containsExactly(
                "plan.yaml:1:10: baseUrl: expected an absolute http:// or https:// URL, found \"ftp://x\"");
    }

    @Test
    void spacesControlCharactersBadPortsAndSchemesAreRejected() {
        assertThat(errors(plan("", "- get: http://127.0.0.1:8080/a b"))).containsExactly(
                "plan.yaml:5:14: scenarios.s.flow[0].get: a URL cannot contain a space (found in"
                        + " \"http://127.0.0.1:8080/a b\"); percent-encode it, e.g. a space as %20");
        assertThat(errors(plan("", "- get: \"http://127.0.0.1:8080/a\\tb\"")).get(0)).contains("a URL cannot contain a tab");
        assertThat(errors(plan("", "- get: http://127.0.0.1:99999/"))).containsExactly(
                "plan.yaml:5:14: scenarios.s.flow[0].get: port 99999 is outside 1..65535 in \"http://127.0.0.1:99999\""
                        + " (in \"http://127.0.0.1:99999/\")");
        assertThat(errors(plan("", "- get: http://127.0.0.1:0/")).get(0)).contains("port 0 is outside 1..65535");
        assertThat(errors(plan("", "- get: ftp://127.0.0.1/file")).get(0))
                .contains("scenarios.s.flow[0].get: expected an http:// or https:// URL", "scheme 'ftp'");
        assertThat(errors(plan("", "- get: http:///nohost")).get(0)).contains("expected an absolute http:// or https:// URL", "Expected authority");
        assertThat(errors(plan("baseUrl: http://127.0.0.1:99999\n", "- get: /health"))).containsExactly(
                "plan.yaml:1:10: baseUrl: port 99999 is outside 1..65535 in \"http://127.0.0.1:99999\"");
        assertThat(errors(plan("baseUrl: \"http://127.0.0.1:8080/a b\"\n", "- get: /health")).get(0))
                .startsWith("plan.yaml:1:10: baseUrl: a URL cannot contain a space");
    }

    @Test
    void templatedUrlsHaveTheirStaticPartsChecked() {
        String extract = "- get: http://127.0.0.1:8080/login\n  extract: {host: {header: X-Host}, id: $.id}\n";
        // The known authority is checked; the references are left for run time.
        assertThat(errors(plan("", extract + "- get: http://127.0.0.1:99999/items/${id}")).get(0))
                .startsWith("plan.yaml:7:14: scenarios.s.flow[1].get: port 99999 is outside 1..65535");
        assertThat(errors(plan("", extract + "- get: http://127.0.0.1:8080/a b/${id}")).get(0))
                .contains("a URL cannot contain a space");
        assertThat(errors(plan("", extract + "- get: /items/${id}")).get(0)).contains("needs a baseUrl");
        // Negative controls: what only run time can tell is accepted now.
        load(plan("", extract + "- get: http://${host}/items/${id}"), null);
        load(plan("", extract + "- get: http://127.0.0.1:${id}/items"), null);
        load(plan("", extract + "- get: \"${host}/items\""), null);
        load(plan("", "- get: http://127.0.0.1:65535/redirect?to=http://elsewhere/x"), null);
        load(plan("baseUrl: https://example.test\n", "- get: /redirect?to=ftp://elsewhere/x"), null);
    }

    @Test
    void headerValuesWithCrOrLfAndBadHeaderNamesAreRejected() {
        String base = "baseUrl: http://127.0.0.1:8080\n";
        assertThat(errors(plan(base, "- get: /a\n  headers: {X-Token: \"ok\\r\\nX-Injected: yes\"}"))).containsExactly(
                "plan.yaml:7:28: scenarios.s.flow[0].headers.X-Token: header value has a carriage return (CR), which would"
                        + " end the header and inject what follows (RFC 9110 §5.5); remove it");
        String extract = "- get: /login\n  extract: {token: $.token}\n";
        assertThat(errors(plan(base, extract + "- get: /a\n  headers: {X-Token: \"${token}\\nX-Injected: yes\"}")).get(0))
                .startsWith("plan.yaml:9:28: scenarios.s.flow[1].headers.X-Token: header value has a line feed (LF)");
        assertThat(errors(plan(base, "- get: /a\n  headers: {\"X Token\": v}")).get(0))
                .startsWith("plan.yaml:7:19: scenarios.s.flow[0].headers.X Token: header name \"X Token\" has a space");
        assertThat(errors("baseUrl: http://127.0.0.1:8080\nhttp:\n  headers: {X-A: \"a\\r\\nB: c\"}\n" + HEAD
                + "      - get: /a\n")).containsExactly("plan.yaml:3:18: http.headers.X-A: header value has a carriage return"
                + " (CR), which would end the header and inject what follows (RFC 9110 §5.5); remove it");
        assertThat(errors("baseUrl: http://127.0.0.1:8080\nhttp:\n  userAgent: \"me\\nX: y\"\n" + HEAD + "      - get: /a\n"))
                .singleElement().asString().startsWith("plan.yaml:3:14: http.userAgent: header value has a line feed (LF)");
        // Negative control: references in a value, and the usual characters, are fine.
        load(plan(base, extract + "- get: /a\n  headers: {Authorization: \"Bearer ${token}\", X-List: \"a, b; q=0.5\"}"), null);
    }

    @Test
    void aBadBaseUrlOverrideIsRefusedBeforeAnyPlanIsRead() {
        PlanLoader loader = new PlanLoader(k -> null);
        assertThatThrownBy(() -> loader.withBaseUrl("ht!tp://bad")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("expected an absolute http:// or https:// URL, found \"ht!tp://bad\"");
        assertThatThrownBy(() -> loader.withBaseUrl("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected an absolute http:// or https:// URL, found an empty string");
        assertThatThrownBy(() -> loader.withBaseUrl("http://127.0.0.1:99999"))
                .hasMessage("port 99999 is outside 1..65535 in \"http://127.0.0.1:99999\"");
        assertThat(loader.withBaseUrl("https://127.0.0.1:65535/api")).isNotNull();
    }
}
