package dev.jrpc.spring.autoconfigure.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Bearer tokens as Spring Security's resource server takes them; only loaded when it is on the
 * classpath.
 */
final class BearerTokenRequests {

	Authentication request(String token) {
		return new BearerTokenAuthenticationToken(token);
	}

}
