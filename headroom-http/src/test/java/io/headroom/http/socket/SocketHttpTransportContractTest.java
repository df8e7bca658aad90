package io.headroom.http.socket;

import io.headroom.http.HttpTransport;
import io.headroom.http.HttpTransportContract;

/** The socket transport keeps the {@link HttpTransportContract}. */
class SocketHttpTransportContractTest extends HttpTransportContract {
    @Override
    protected HttpTransport newTransport() {
        return new SocketHttpTransport();
    }
}
