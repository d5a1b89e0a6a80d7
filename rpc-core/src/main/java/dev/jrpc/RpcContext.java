package dev.jrpc;

import java.net.SocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.jrpc.internal.server.CurrentCall;
import dev.jrpc.internal.server.ServerCall;

/**
 * What a service method can learn about the call it is serving, while it runs on the server's
 * worker thread (interceptors included). On any other thread there is no current call.
 */
public final class RpcContext {

	private RpcContext() {
	}

	/**
	 * The time the caller will still wait for the answer of the current call, which may be
	 * negative when it has passed; empty when the caller sent no timeout or when the current thread
	 * serves no call. A service can use it to give up early. Calls a service makes through a jrpc
	 * client while it serves a call are given at most this time.
	 */
	public static Optional<Duration> remainingTime() {
		ServerCall call = CurrentCall.get();
		return (call != null) ? call.remainingTime() : Optional.empty();
	}

	/** The metadata of the current call; empty when it had none or no call is being served. */
	public static RpcMetadata metadata() {
		ServerCall call = CurrentCall.get();
		return (call != null) ? call.metadata() : RpcMetadata.empty();
	}

	/** The caller's address, when the current thread serves a call. */
	public static Optional<SocketAddress> remoteAddress() {
		ServerCall call = CurrentCall.get();
		return (call != null) ? Optional.of(call.remoteAddress()) : Optional.empty();
	}

	/**
	 * The verified certificate chain the caller showed over TLS, its own certificate first; empty
	 * over plaintext, when it showed none, or when no call is being served.
	 */
	public static List<X509Certificate> peerCertificates() {
		ServerCall call = CurrentCall.get();
		return (call != null) ? call.peerCertificates() : List.of();
	}

}
