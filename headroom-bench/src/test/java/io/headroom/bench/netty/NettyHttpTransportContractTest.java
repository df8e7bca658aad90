package io.headroom.bench.netty;

import io.headroom.http.HttpTransport;
import io.headroom.http.HttpTransportContract;

/** The {@link NettyHttpTransport} keeps the {@link HttpTransportContract} that every HTTP transport keeps. */
class NettyHttpTransportContractTest extends HttpTransportContract {
    @Override
    protected HttpTransport newTransport() {
        return new NettyHttpTransport();
    }
}
