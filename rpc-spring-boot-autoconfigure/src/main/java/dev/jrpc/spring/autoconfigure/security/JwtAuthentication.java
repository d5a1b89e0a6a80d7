package dev.jrpc.spring.autoconfigure.security;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;

/**
 * Bearer tokens checked as JWTs by the application's {@link JwtDecoder}, with its
 * {@link JwtAuthenticationConverter} when it has one, as Spring Security's resource server checks
 * them on HTTP. Only loaded when the resource server and JOSE modules are on the classpath.
 */
final class JwtAuthentication {

	private JwtAuthentication() {
	}

	/** The provider, or null when the application has no {@link JwtDecoder}. */
	static @Nullable AuthenticationProvider provider(ListableBeanFactory beans) {
		JwtDecoder decoder = SecurityBeans.unique(beans, JwtDecoder.class);
		if (decoder == null) {
			return null;
		}
		JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
		JwtAuthenticationConverter converter = SecurityBeans.unique(beans, JwtAuthenticationConverter.class);
		if (converter != null) {
			provider.setJwtAuthenticationConverter(converter);
		}
		return provider;
	}

}
