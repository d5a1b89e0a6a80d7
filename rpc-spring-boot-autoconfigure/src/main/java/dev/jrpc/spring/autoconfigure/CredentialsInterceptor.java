package dev.jrpc.spring.autoconfigure;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.jrpc.RpcClientCall;
import dev.jrpc.RpcClientInterceptor;
import dev.jrpc.RpcCredentials;
import org.jspecify.annotations.Nullable;

/**
 * Sends the credentials of {@code rpc.client.authentication} with every call, or those of
 * {@code rpc.client.services[<name>].authentication} with the calls to that service. Read once,
 * at startup, where contradictions fail it naming the property.
 */
final class CredentialsInterceptor implements RpcClientInterceptor {

	private final @Nullable RpcClientInterceptor fallback;

	private final Map<String, RpcClientInterceptor> byService;

	private CredentialsInterceptor(@Nullable RpcClientInterceptor fallback, Map<String, RpcClientInterceptor> byService) {
		this.fallback = fallback;
		this.byService = byService;
	}

	/** The interceptor the properties ask for, or null when no credentials are configured. */
	static @Nullable RpcClientInterceptor of(RpcProperties.Client client) {
		RpcClientInterceptor fallback = credentials(client.getAuthentication(), "rpc.client.authentication");
		Map<String, RpcClientInterceptor> byService = new HashMap<>();
		client.getServices().forEach((name, service) -> {
			RpcClientInterceptor own = credentials(service.getAuthentication(),
					"rpc.client.services[" + name + "].authentication");
			if (own != null) {
				byService.put(name, own);
			}
		});
		return (fallback == null && byService.isEmpty()) ? null : new CredentialsInterceptor(fallback, Map.copyOf(byService));
	}

	private static @Nullable RpcClientInterceptor credentials(RpcProperties.Authentication authentication, String property) {
		RpcProperties.Basic basic = authentication.getBasic();
		if (authentication.getBearerToken() != null && basic.getUsername() != null) {
			throw new IllegalStateException(property + " sets both bearer-token and basic.username: choose one");
		}
		if (authentication.getBearerToken() != null) {
			String token = authentication.getBearerToken();
			if (token.isBlank()) {
				throw new IllegalStateException(property + ".bearer-token is empty");
			}
			return RpcCredentials.bearer(() -> token);
		}
		if (basic.getUsername() != null) {
			if (basic.getPassword() == null) {
				throw new IllegalStateException(property + ".basic.username is set without " + property + ".basic.password");
			}
			try {
				return RpcCredentials.basic(basic.getUsername(), basic.getPassword());
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException(property + ".basic.username: " + ex.getMessage(), ex);
			}
		}
		if (basic.getPassword() != null) {
			throw new IllegalStateException(property + ".basic.password is set without " + property + ".basic.username");
		}
		return null;
	}

	@Override
	public CompletableFuture<@Nullable Object> intercept(RpcClientCall call, Next next) {
		RpcClientInterceptor credentials = this.byService.getOrDefault(call.serviceName(), this.fallback);
		return (credentials != null) ? credentials.intercept(call, next) : next.proceed();
	}

}
