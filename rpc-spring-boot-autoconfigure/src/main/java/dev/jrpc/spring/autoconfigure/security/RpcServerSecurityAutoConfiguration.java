package dev.jrpc.spring.autoconfigure.security;

import java.util.ArrayList;
import java.util.List;

import dev.jrpc.RpcServer;
import dev.jrpc.RpcServerInterceptor;
import dev.jrpc.spring.RpcService;
import dev.jrpc.spring.autoconfigure.RpcProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.util.ClassUtils;

/**
 * Authentication of the calls the jrpc server takes, when Spring Security is on the classpath:
 * each call's credentials are checked by the application's {@link AuthenticationManager} bean,
 * or, where it defines none, by its one {@link AuthenticationProvider} bean, or by one built from
 * its {@link UserDetailsService} and {@link PasswordEncoder} beans as Spring Boot builds one for
 * HTTP Basic; bearer tokens by its
 * {@code JwtDecoder} bean when it has one. The caller is then in the {@code SecurityContext} while
 * the service method runs. {@code rpc.server.security.authentication=required} refuses calls
 * without valid credentials.
 */
@AutoConfiguration
@ConditionalOnClass({ RpcServer.class, AuthenticationManager.class })
@ConditionalOnProperty(prefix = "rpc.server", name = "enabled", matchIfMissing = true)
@ConditionalOnBean(annotation = RpcService.class)
@EnableConfigurationProperties(RpcProperties.class)
public final class RpcServerSecurityAutoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(RpcServerSecurityAutoConfiguration.class);

	private static final String BEARER_TOKEN = "org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken";

	private static final String JWT_DECODER = "org.springframework.security.oauth2.jwt.JwtDecoder";

	private static final String PRE_AUTHENTICATION = "org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken";

	/** The name of the interceptor's bean, which a server requiring authentication must have. */
	public static final String INTERCEPTOR_BEAN = "rpcAuthenticatingInterceptor";

	@Bean(INTERCEPTOR_BEAN)
	RpcServerInterceptor rpcAuthenticatingInterceptor(RpcProperties properties, ListableBeanFactory beans) {
		ClassLoader classLoader = (beans instanceof ConfigurableBeanFactory configurable)
				? configurable.getBeanClassLoader() : getClass().getClassLoader();
		boolean bearerTokens = ClassUtils.isPresent(BEARER_TOKEN, classLoader);
		boolean certificates = ClassUtils.isPresent(PRE_AUTHENTICATION, classLoader);
		boolean required = properties.getServer().getSecurity()
			.getAuthentication() == RpcProperties.AuthenticationMode.REQUIRED;
		AuthenticationManager manager = manager(beans, bearerTokens && ClassUtils.isPresent(JWT_DECODER, classLoader),
				certificates);
		if (manager == null) {
			String jwtNote = (!bearerTokens && hasJwtDecoder(beans, classLoader))
					? " (a JwtDecoder bean needs spring-security-oauth2-resource-server on the classpath)" : "";
			if (required) {
				throw new IllegalStateException("rpc.server.security.authentication is required, but the application"
						+ " defines no AuthenticationManager, AuthenticationProvider, UserDetailsService or JwtDecoder"
						+ " bean to check credentials with" + jwtNote
						+ ": define one, or set rpc.server.security.authentication=none");
			}
			logger.info("Spring Security is on the classpath but the application defines no AuthenticationManager,"
					+ " AuthenticationProvider, UserDetailsService or JwtDecoder bean" + jwtNote
					+ ": jrpc does not check the credentials calls show");
		}
		SecurityContextHolderStrategy contexts = beans.getBeanProvider(SecurityContextHolderStrategy.class)
			.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
		return new AuthenticatingInterceptor(new CallCredentials(bearerTokens ? new BearerTokenRequests() : null,
				certificates ? new CertificateRequests() : null), manager, required, contexts);
	}

	/** What checks credentials, or null when the application defines nothing to check them with. */
	private static @Nullable AuthenticationManager manager(ListableBeanFactory beans, boolean jwt,
			boolean certificates) {
		List<AuthenticationProvider> providers = new ArrayList<>();
		if (jwt) {
			AuthenticationProvider tokens = JwtAuthentication.provider(beans);
			if (tokens != null) {
				providers.add(tokens);
			}
		}
		AuthenticationManager application = SecurityBeans.unique(beans, AuthenticationManager.class);
		if (application == null) {
			// As Spring Security's global authentication: the one provider bean, else the user details.
			AuthenticationProvider provider = beans.getBeanProvider(AuthenticationProvider.class).getIfUnique();
			if (provider == null && beans.getBeanNamesForType(AuthenticationProvider.class).length > 1) {
				logger.warn("jrpc found several AuthenticationProvider beans and none is @Primary; it checks"
						+ " credentials with the UserDetailsService, if any. Define an AuthenticationManager bean to"
						+ " choose.");
			}
			application = (provider != null) ? new ProviderManager(provider) : fromUserDetails(beans, certificates);
		}
		if (providers.isEmpty()) {
			return application;
		}
		return new ProviderManager(providers, application);
	}

	private static boolean hasJwtDecoder(ListableBeanFactory beans, @Nullable ClassLoader classLoader) {
		try {
			return beans.getBeanNamesForType(ClassUtils.forName(JWT_DECODER, classLoader)).length > 0;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	/**
	 * A manager checking passwords against the application's {@link UserDetailsService}, with its
	 * {@link PasswordEncoder} if it has one, and loading the user a client certificate names from
	 * it; null when it has no such service.
	 */
	private static @Nullable AuthenticationManager fromUserDetails(ListableBeanFactory beans, boolean certificates) {
		UserDetailsService users = SecurityBeans.unique(beans, UserDetailsService.class);
		if (users == null) {
			return null;
		}
		DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
		PasswordEncoder encoder = SecurityBeans.unique(beans, PasswordEncoder.class);
		if (encoder != null) {
			passwords.setPasswordEncoder(encoder);
		}
		List<AuthenticationProvider> providers = new ArrayList<>(List.of(passwords));
		if (certificates) {
			providers.add(CertificateRequests.provider(users));
		}
		return new ProviderManager(providers);
	}

}
