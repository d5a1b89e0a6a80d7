package dev.jrpc;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Client interceptors that send the caller's credentials in each request's {@code meta}, as an
 * {@code authorization} member holding what an HTTP {@code Authorization} header would:
 * {@code Bearer <token>} or {@code Basic <base64 of user:password>}. Any JSON-RPC peer can send
 * the same member (see docs/protocol.md). Send credentials over TLS: on a plaintext connection
 * anyone on the path can read them. jrpc never logs metadata values.
 */
public final class RpcCredentials {

	/** The {@code meta} member that carries the credentials. */
	public static final String AUTHORIZATION = "authorization";

	private RpcCredentials() {
	}

	/**
	 * Sends {@code Bearer <token>}, with the token {@code tokens} gives for each call, so that a
	 * renewed token is used as soon as it is given. The supplier runs on the calling thread and
	 * must not block for long.
	 */
	public static RpcClientInterceptor bearer(Supplier<String> tokens) {
		Objects.requireNonNull(tokens, "tokens");
		return (call, next) -> {
			String token = tokens.get();
			if (token == null || token.isBlank()) {
				return CompletableFuture.failedFuture(new RpcException("No bearer token to call "
						+ call.serviceName() + "." + call.method().getName() + " with: the token supplier gave none"));
			}
			call.metadata().put(AUTHORIZATION, "Bearer " + token);
			return next.proceed();
		};
	}

	/** Sends {@code Basic <base64 of username:password>}, as HTTP Basic authentication does. */
	public static RpcClientInterceptor basic(String username, String password) {
		if (username == null || username.isEmpty() || username.indexOf(':') >= 0) {
			throw new IllegalArgumentException("A Basic username must be non-empty and hold no ':'");
		}
		Objects.requireNonNull(password, "password");
		String value = "Basic " + Base64.getEncoder()
			.encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
		return (call, next) -> {
			call.metadata().put(AUTHORIZATION, value);
			return next.proceed();
		};
	}

}
