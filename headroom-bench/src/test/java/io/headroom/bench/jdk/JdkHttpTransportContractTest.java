package io.headroom.bench.jdk;

import io.headroom.http.HttpTransport;
import io.headroom.http.HttpTransportContract;

/**
 * The {@link JdkHttpTransport} keeps the {@link HttpTransportContract} that every HTTP transport keeps, but for the
 * wire byte counts: the JDK's client does not show its connection, so it reports the body's bytes only.
 */
class JdkHttpTransportContractTest extends HttpTransportContract {
    @Override
    protected HttpTransport newTransport() {
        return new JdkHttpTransport();
    }

    @Override
    protected boolean seesWireBytes() {
        return false;
    }
}
