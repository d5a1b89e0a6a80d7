package dev.jrpc.spring.autoconfigure.security;

import java.security.cert.X509Certificate;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsByNameServiceWrapper;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationProvider;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.security.web.authentication.preauth.x509.SubjectX500PrincipalExtractor;

/**
 * A client certificate as Spring Security's X.509 support takes it: the principal is the common
 * name of its subject, and the certificate the credentials, for a
 * {@code PreAuthenticatedAuthenticationProvider} to load the user. Only loaded when Spring
 * Security's web module is on the classpath.
 */
final class CertificateRequests {

	private final SubjectX500PrincipalExtractor principals = new SubjectX500PrincipalExtractor();

	/** The request for {@code certificate}, or null when its subject has no common name to name a user. */
	@Nullable Authentication request(X509Certificate certificate) {
		Object principal;
		try {
			principal = this.principals.extractPrincipal(certificate);
		}
		catch (AuthenticationException ex) {
			return null;
		}
		return new PreAuthenticatedAuthenticationToken(principal, certificate);
	}

	/** What loads the user a certificate names from {@code users}, as Spring Security's {@code x509()} does. */
	static AuthenticationProvider provider(UserDetailsService users) {
		PreAuthenticatedAuthenticationProvider provider = new PreAuthenticatedAuthenticationProvider();
		provider.setPreAuthenticatedUserDetailsService(new UserDetailsByNameServiceWrapper<>(users));
		return provider;
	}

}
