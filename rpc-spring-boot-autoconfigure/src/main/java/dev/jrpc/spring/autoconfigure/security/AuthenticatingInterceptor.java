package dev.jrpc.spring.autoconfigure.security;

import java.security.cert.X509Certificate;

import dev.jrpc.RpcErrorCodes;
import dev.jrpc.RpcErrorException;
import dev.jrpc.RpcServerCall;
import dev.jrpc.RpcServerInterceptor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Authenticates each call with the application's {@link AuthenticationManager} and holds the
 * result in the {@code SecurityContext} while the service method runs, so that method security
 * ({@code @PreAuthorize}, {@code @Secured}) applies to it as to any Spring bean. A call whose
 * credentials fail, or one without credentials where they are required, is answered
 * {@link RpcErrorCodes#UNAUTHENTICATED}; a call method security refuses,
 * {@link RpcErrorCodes#PERMISSION_DENIED}, or {@code UNAUTHENTICATED} when it carried no
 * credentials. Neither answer says more; the reason is logged at debug level, never the
 * credentials. A client certificate that no authentication provider takes (the application maps
 * no certificates to users) leaves the caller unauthenticated: TLS verified it, and that is all.
 */
final class AuthenticatingInterceptor implements RpcServerInterceptor, Ordered {

	/**
	 * Its order among server interceptors: early, so that the application's own interceptors see
	 * the caller; an observation may still wrap it.
	 */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

	private static final Logger logger = LoggerFactory.getLogger(AuthenticatingInterceptor.class);

	private final CallCredentials credentials;

	private final @Nullable AuthenticationManager manager;

	private final boolean required;

	private final SecurityContextHolderStrategy contexts;

	/**
	 * @param manager what checks credentials, or null when the application has nothing to check
	 * them with: credentials are then not looked at, as without Spring Security
	 * @param required whether calls without credentials are refused
	 */
	AuthenticatingInterceptor(CallCredentials credentials, @Nullable AuthenticationManager manager, boolean required,
			SecurityContextHolderStrategy contexts) {
		this.credentials = credentials;
		this.manager = manager;
		this.required = required;
		this.contexts = contexts;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public @Nullable Object intercept(RpcServerCall call, Next next) throws Exception {
		Authentication caller = authenticate(call);
		if (caller == null && this.required) {
			throw required(call, "it carries no credentials");
		}
		SecurityContext context = this.contexts.createEmptyContext();
		context.setAuthentication(caller);
		this.contexts.setContext(context);
		try {
			return next.proceed();
		}
		catch (AccessDeniedException ex) {
			if (caller == null) {
				throw required(call, "method security requires an authenticated caller");
			}
			logger.debug("Call {} from {} denied: {}", call.wireName(), call.remoteAddress(), ex.getClass().getSimpleName());
			throw new RpcErrorException(RpcErrorCodes.PERMISSION_DENIED, "Permission denied");
		}
		catch (AuthenticationException ex) {
			throw required(call, "method security found no authenticated caller (" + ex.getClass().getSimpleName() + ")");
		}
		finally {
			this.contexts.clearContext();
		}
	}

	/** The authenticated caller, or null when the call shows no credentials. */
	private @Nullable Authentication authenticate(RpcServerCall call) {
		if (this.manager == null) {
			return null;
		}
		Authentication request;
		try {
			request = this.credentials.read(call);
		}
		catch (AuthenticationException ex) {
			throw refused(call, ex.getMessage());
		}
		if (request == null) {
			return null;
		}
		Authentication result;
		try {
			result = this.manager.authenticate(request);
		}
		catch (ProviderNotFoundException ex) {
			if (request.getCredentials() instanceof X509Certificate) {
				// The application does not map certificates to users: TLS verified it, and that is all.
				return null;
			}
			throw refused(call, "no authentication provider takes " + request.getClass().getSimpleName());
		}
		catch (AuthenticationException ex) {
			throw refused(call, ex.getClass().getSimpleName());
		}
		catch (RuntimeException ex) {
			logger.warn("Could not check the credentials of call {} from {}", call.wireName(), call.remoteAddress(), ex);
			throw new RpcErrorException(RpcErrorCodes.INTERNAL_ERROR, "Credentials could not be checked");
		}
		if (result == null || !result.isAuthenticated()) {
			throw refused(call, "no authentication provider accepted its credentials");
		}
		return result;
	}

	/** Its credentials were refused. */
	private static RpcErrorException refused(RpcServerCall call, @Nullable String reason) {
		logger.debug("Call {} from {} refused: its credentials failed ({})", call.wireName(), call.remoteAddress(),
				reason);
		return new RpcErrorException(RpcErrorCodes.UNAUTHENTICATED, "Authentication failed");
	}

	/** It showed no credentials where they are needed. */
	private static RpcErrorException required(RpcServerCall call, String reason) {
		logger.debug("Call {} from {} refused: {}", call.wireName(), call.remoteAddress(), reason);
		return new RpcErrorException(RpcErrorCodes.UNAUTHENTICATED, "Authentication required");
	}

}
