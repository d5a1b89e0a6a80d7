package dev.jrpc;

import java.net.SocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A call as server interceptors see it, just before the service method runs. */
public interface RpcServerCall extends RpcCall {

	/** The request's {@code meta} member, read-only; empty when it had none. */
	@Override
	RpcMetadata metadata();

	/** The caller's address. */
	SocketAddress remoteAddress();

	/**
	 * The certificate chain the caller showed in the TLS handshake, which the server verified, its
	 * own certificate first; empty over plaintext or when it showed none.
	 */
	default List<X509Certificate> peerCertificates() {
		return List.of();
	}

	/** The time the caller will still wait; empty when it sent no {@code timeout}. */
	Optional<Duration> remainingTime();

}
