package io.headroom.http.socket;

import static io.headroom.http.socket.RawServer.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.http.HttpErrorCode;
import io.headroom.http.HttpHeader;
import io.headroom.http.HttpMethod;
import io.headroom.http.HttpRequest;
import io.headroom.http.HttpResponse;
import io.headroom.http.HttpSession;
import io.headroom.http.HttpSessionOptions;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Answers that are HTTP but must not count as success: a redirect loop or a chain past {@code maxRedirects}, a
 * redirect to a Location that is no http(s) URL, a {@code 101 Switching Protocols} nobody asked for; each beside
 * the control that stays within the rule and succeeds.
 */
class RedirectAndUpgradeRulesTest {
    private final SocketHttpTransport transport = new SocketHttpTransport();
    private final HttpSession session = transport.newSession(HttpSessionOptions.DEFAULTS);
    private RawServer server;

    @AfterEach
    void stop() throws Exception {
        session.close();
        transport.close();
        if (server != null) server.close();
    }

    /**
     * /hops/N redirects to /hops/N-1 until /hops/0 answers 200; /loop redirects to itself; /to?L answers 302 with
     * Location L (raw); /none answers 302 without Location; /upgrade answers 101.
     */
    private RawServer redirector() throws IOException {
        return new RawServer((socket, index) -> {
            try (socket) {
                String head;
                while ((head = server.readRequest(socket.getInputStream())) != null) {
                    String target = head.substring(head.indexOf(' ') + 1, head.indexOf(" HTTP/1.1"));
                    String response;
                    if (target.startsWith("/hops/")) {
                        int n = Integer.parseInt(target.substring(6));
                        response = n == 0 ? "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ndone"
                                : "HTTP/1.1 302 Found\r\nLocation: /hops/" + (n - 1) + "\r\nContent-Length: 0\r\n\r\n";
                    } else if (target.equals("/loop")) {
                        response = "HTTP/1.1 302 Found\r\nLocation: /loop\r\nContent-Length: 0\r\n\r\n";
                    } else if (target.startsWith("/to?")) {
                        response = "HTTP/1.1 302 Found\r\nLocation: " + target.substring(4) + "\r\nContent-Length: 0\r\n\r\n";
                    } else if (target.equals("/none")) {
                        response = "HTTP/1.1 302 Found\r\nContent-Length: 0\r\n\r\n";
                    } else {
                        write(socket.getOutputStream(), "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                                + "Connection: Upgrade\r\n\r\n");
                        return; // whatever the client does next, this is no HTTP/1.1 connection any more
                    }
                    write(socket.getOutputStream(), response);
                }
            }
        });
    }

    private static HttpRequest get(String url, Integer maxRedirects) {
        return new HttpRequest(HttpMethod.GET, URI.create(url), null, null, null, maxRedirects);
    }

    @Test
    void failsARedirectLoopAfterTheDefaultTenRedirects() throws Exception {
        server = redirector();
        HttpResponse r = session.send(HttpRequest.get(server.url("/loop")));
        assertThat(r.error()).isNotNull();
        assertThat(r.error().type()).isEqualTo(HttpErrorCode.TOO_MANY_REDIRECTS);
        assertThat(r.error().code()).isEqualTo(1810);
        assertThat(r.error().message()).isEqualTo("stopped after 10 redirects");
        assertThat(r.status()).isEqualTo(302); // the answer that was not followed, kept beside the error
        assertThat(r.redirects()).hasSize(10).allSatisfy(hop -> assertThat(hop.failed()).isFalse());
        assertThat(server.requestHeads).hasSize(11);
    }

    @Test
    void failsAChainLongerThanTheRequestsOwnLimit() throws Exception {
        server = redirector();
        HttpResponse r = session.send(get(server.url("/hops/4"), 3));
        assertThat(r.error().code()).isEqualTo(1810);
        assertThat(r.error().message()).isEqualTo("stopped after 3 redirects");
        assertThat(r.url().getPath()).isEqualTo("/hops/1");
    }

    @Test
    void followsChainsUpToTheLimitAndReturnsRedirectsAsTheyAreWithALimitOfZero() throws Exception {
        server = redirector();
        for (int hops : new int[] {9, 10}) {
            HttpResponse r = session.send(get(server.url("/hops/" + hops), 10));
            assertThat(r.error()).as(hops + " hops").isNull();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.redirects()).hasSize(hops);
        }
        HttpResponse notFollowed = session.send(get(server.url("/loop"), 0));
        assertThat(notFollowed.error()).isNull();
        assertThat(notFollowed.status()).isEqualTo(302);
    }

    @Test
    void failsARedirectToALocationThatIsNoHttpUrl() throws Exception {
        server = redirector();
        for (String location : List.of("http://[not-an-address", "ftp://127.0.0.1/file", "http:///no-host")) {
            HttpResponse r = session.send(HttpRequest.get(server.url("/to?" + location)));
            assertThat(r.error()).as(location).isNotNull();
            assertThat(r.error().type()).isEqualTo(HttpErrorCode.INVALID_URL);
            assertThat(r.error().message()).isEqualTo("redirect to a Location that is not an http(s) URL: \""
                    + location + "\"");
            assertThat(r.status()).isEqualTo(302);
        }
    }

    @Test
    void returnsARedirectWithoutLocationAndFollowsAnOddButValidOne() throws Exception {
        server = redirector();
        HttpResponse none = session.send(HttpRequest.get(server.url("/none")));
        assertThat(none.error()).isNull();
        assertThat(none.status()).isEqualTo(302);
        HttpResponse relative = session.send(HttpRequest.get(server.url("/to?hops/0")));
        assertThat(relative.error()).isNull();
        assertThat(relative.status()).isEqualTo(200);
    }

    @Test
    void failsASwitchingProtocolsAnswerToAPlainRequest() throws Exception {
        server = redirector();
        HttpResponse r = session.send(HttpRequest.get(server.url("/upgrade")));
        assertThat(r.error()).isNotNull();
        assertThat(r.error().type()).isEqualTo(HttpErrorCode.UNEXPECTED_PROTOCOL_SWITCH);
        assertThat(r.error().code()).isEqualTo(1820);
        assertThat(r.error().message()).isEqualTo("101 Switching Protocols to websocket to a request that asked for no upgrade");
        assertThat(r.status()).isEqualTo(101);
        // The connection is gone; the next request gets a new one and its own answer.
        assertThat(session.send(HttpRequest.get(server.url("/hops/0"))).status()).isEqualTo(200);
        assertThat(server.connections()).isEqualTo(2);
    }

    @Test
    void returnsASwitchingProtocolsAnswerToARequestThatAskedForIt() throws Exception {
        server = redirector();
        HttpResponse r = session.send(new HttpRequest(HttpMethod.GET, URI.create(server.url("/upgrade")),
                List.of(new HttpHeader("Connection", "Upgrade"), new HttpHeader("Upgrade", "websocket")), null, null, null));
        assertThat(r.error()).isNull();
        assertThat(r.status()).isEqualTo(101);
    }
}
