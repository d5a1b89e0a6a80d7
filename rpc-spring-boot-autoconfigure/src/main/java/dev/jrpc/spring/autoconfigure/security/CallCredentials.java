package dev.jrpc.spring.autoconfigure.security;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import dev.jrpc.RpcCredentials;
import dev.jrpc.RpcServerCall;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import tools.jackson.databind.JsonNode;

/**
 * Reads what a call shows to prove who makes it into an authentication request for Spring
 * Security: {@code meta.authorization} as an HTTP {@code Authorization} header holds it
 * ({@code Basic} or {@code Bearer}), or else the client certificate the TLS handshake verified.
 * Bearer tokens need Spring Security's resource server on the classpath, certificates its web
 * module (where its X.509 pre-authentication lives); without them, such a call is refused as
 * unauthenticated rather than run as anonymous.
 */
final class CallCredentials {

	private final @Nullable BearerTokenRequests bearerTokens;

	private final @Nullable CertificateRequests certificates;

	CallCredentials(@Nullable BearerTokenRequests bearerTokens, @Nullable CertificateRequests certificates) {
		this.bearerTokens = bearerTokens;
		this.certificates = certificates;
	}

	/**
	 * The authentication request of {@code call}, not yet authenticated, or null when it shows no
	 * credentials: neither {@code meta.authorization} nor a client certificate with a common name.
	 * @throws BadCredentialsException when its credentials cannot be read
	 */
	@Nullable Authentication read(RpcServerCall call) {
		JsonNode authorization = call.metadata().get(RpcCredentials.AUTHORIZATION);
		if (authorization != null) {
			if (!authorization.isString()) {
				throw new BadCredentialsException("authorization is not a string");
			}
			return fromAuthorization(authorization.asString().strip());
		}
		List<X509Certificate> chain = call.peerCertificates();
		if (!chain.isEmpty() && this.certificates != null) {
			return this.certificates.request(chain.get(0));
		}
		return null;
	}

	private Authentication fromAuthorization(String authorization) {
		int space = authorization.indexOf(' ');
		String scheme = (space < 0) ? authorization : authorization.substring(0, space);
		String value = (space < 0) ? "" : authorization.substring(space + 1).strip();
		switch (scheme.toLowerCase(Locale.ROOT)) {
			case "basic" -> {
				return basic(value);
			}
			case "bearer" -> {
				if (value.isEmpty()) {
					throw new BadCredentialsException("empty bearer token");
				}
				if (this.bearerTokens == null) {
					throw new BadCredentialsException("bearer tokens are not supported: the server has no "
							+ "spring-security-oauth2-resource-server");
				}
				return this.bearerTokens.request(value);
			}
			default -> throw new BadCredentialsException("unsupported authorization scheme");
		}
	}

	private static Authentication basic(String encoded) {
		String decoded;
		try {
			decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new BadCredentialsException("basic credentials are not Base64");
		}
		int colon = decoded.indexOf(':');
		if (colon < 0) {
			throw new BadCredentialsException("basic credentials have no colon");
		}
		return UsernamePasswordAuthenticationToken.unauthenticated(decoded.substring(0, colon),
				decoded.substring(colon + 1));
	}

}
