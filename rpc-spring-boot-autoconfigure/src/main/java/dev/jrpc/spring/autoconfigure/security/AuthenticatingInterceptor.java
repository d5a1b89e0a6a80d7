package dev.jrpc.spring.autoconfigure.security;

import java.security.cert.X509Certificate;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

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
import org.springframework.security.authentication.AuthenticationServiceException;
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
 * credentials. A client certificate shown without other credentials that names no user the
 * application knows (or has no common name) leaves the caller unauthenticated, unless
 * authentication is required: TLS verified it, and that is all. A user store that fails is the
 * server's problem, not the caller's: logged as a warning and answered as an internal error.
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
		Object returned;
		try {
			returned = next.proceed();
		}
		catch (AccessDeniedException | AuthenticationException ex) {
			throw refusal(call, caller, ex);
		}
		finally {
			this.contexts.clearContext();
		}
		if (returned instanceof CompletionStage<?> stage) {
			// An asynchronous method's refusal may come in its future: answered the same way.
			Authentication asyncCaller = caller;
			return stage.handle((value, failure) -> {
				Throwable cause = (failure instanceof CompletionException && failure.getCause() != null)
						? failure.getCause() : failure;
				if (cause instanceof AccessDeniedException || cause instanceof AuthenticationException) {
					throw refusal(call, asyncCaller, (RuntimeException) cause);
				}
				if (failure != null) {
					throw (failure instanceof CompletionException completion) ? completion : new CompletionException(failure);
				}
				return value;
			});
		}
		return returned;
	}

	/** What a call that method security refused is answered. */
	private static RpcErrorException refusal(RpcServerCall call, @Nullable Authentication caller, RuntimeException ex) {
		if (ex instanceof AuthenticationException || caller == null) {
			return required(call, "method security requires an authenticated caller (" + ex.getClass().getSimpleName()
					+ ")");
		}
		logger.debug("Call {} from {} denied: {}", call.wireName(), call.remoteAddress(), ex.getClass().getSimpleName());
		return new RpcErrorException(RpcErrorCodes.PERMISSION_DENIED, "Permission denied");
	}

	/**
	 * The authenticated caller, or null when the call shows no credentials, or only a certificate
	 * that names no user while authentication is not required.
	 */
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
		boolean certificate = request.getCredentials() instanceof X509Certificate;
		Authentication result;
		try {
			result = this.manager.authenticate(request);
		}
		catch (AuthenticationServiceException ex) {
			// The user store failed, not the caller: say so to the operator, not as bad credentials.
			logger.warn("Could not check the credentials of call {} from {}", call.wireName(), call.remoteAddress(), ex);
			throw new RpcErrorException(RpcErrorCodes.INTERNAL_ERROR, "Credentials could not be checked");
		}
		catch (AuthenticationException ex) {
			if (certificate && !this.required) {
				// TLS verified the certificate; that it names no user here leaves the caller anonymous.
				logger.debug("Call {} from {}: its client certificate names no user ({}); it runs unauthenticated",
						call.wireName(), call.remoteAddress(), ex.getClass().getSimpleName());
				return null;
			}
			throw refused(call, ex.getClass().getSimpleName());
		}
		catch (RuntimeException ex) {
			logger.warn("Could not check the credentials of call {} from {}", call.wireName(), call.remoteAddress(), ex);
			throw new RpcErrorException(RpcErrorCodes.INTERNAL_ERROR, "Credentials could not be checked");
		}
		if (result == null || !result.isAuthenticated()) {
			if (certificate && !this.required) {
				return null;
			}
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
