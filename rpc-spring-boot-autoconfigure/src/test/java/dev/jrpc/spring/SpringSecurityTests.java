package dev.jrpc.spring;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import dev.jrpc.RpcClient;
import dev.jrpc.RpcClientInterceptor;
import dev.jrpc.RpcCredentials;
import dev.jrpc.RpcErrorCodes;
import dev.jrpc.RpcRemoteException;
import dev.jrpc.spring.context.RpcServerLifecycle;
import dev.jrpc.spring.fixtures.GuardedVault;
import dev.jrpc.spring.fixtures.Vault;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.pkitesting.X509Bundle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A jrpc server whose service is guarded by Spring Security's method security: callers prove who
 * they are with basic credentials, a bearer token (checked by a JwtDecoder) or a client
 * certificate, and @PreAuthorize and @Secured decide. Refused calls get -32003 or -32004 and never
 * reach the method body.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SpringSecurityTests {

	@TempDir
	static Path pem;

	private static TestPki pki;

	@BeforeAll
	static void certificates() throws Exception {
		pki = new TestPki(pem);
	}

	private static ConfigurableApplicationContext server(String... properties) {
		return new SpringApplicationBuilder(ServerApplication.class).web(WebApplicationType.NONE)
			.properties("rpc.server.port=0", "rpc.server.address=127.0.0.1")
			.properties(properties)
			.run();
	}

	private static int port(ConfigurableApplicationContext server) {
		return Integer.parseInt(server.getEnvironment().getProperty(RpcServerLifecycle.PORT_PROPERTY));
	}

	/** A client that sends {@code credentials} with each call, or none when null. */
	private static RpcClient client(RpcClientInterceptor credentials) {
		RpcClient.Builder builder = RpcClient.builder();
		if (credentials != null) {
			builder.interceptor(credentials);
		}
		return builder.build();
	}

	private static Vault vault(RpcClient client, ConfigurableApplicationContext server) {
		return client.create(Vault.class, "127.0.0.1:" + port(server));
	}

	private static void assertRefused(Runnable call, int code, String message) {
		assertThatExceptionOfType(RpcRemoteException.class).isThrownBy(call::run).satisfies((ex) -> {
			assertThat(ex.code()).isEqualTo(code);
			assertThat(ex.remoteMessage()).isEqualTo(message);
		});
	}

	@Test
	void whenRequiredACallWithoutCredentialsIsRefusedBeforeTheService() {
		try (ConfigurableApplicationContext server = server("rpc.server.security.authentication=required");
				RpcClient client = client(null)) {
			Vault vault = vault(client, server);
			assertRefused(vault::whoAmI, RpcErrorCodes.UNAUTHENTICATED, "Authentication required");
			assertThat(server.getBean(GuardedVault.class).runs()).isZero();
		}
	}

	@Test
	void basicCredentialsAreCheckedAgainstTheUserDetailsServiceAndMethodSecurityDecides() {
		try (ConfigurableApplicationContext server = server("rpc.server.security.authentication=required");
				RpcClient alice = client(RpcCredentials.basic("alice", "alice-pw"));
				RpcClient intruder = client(RpcCredentials.basic("alice", "guess"))) {
			Vault vault = vault(alice, server);
			assertThat(vault.whoAmI()).isEqualTo("alice");
			assertThat(vault.read()).isEqualTo("secret");
			assertThat(vault.readLater().join()).isEqualTo("secret, later");
			assertRefused(() -> vault.write("x"), RpcErrorCodes.PERMISSION_DENIED, "Permission denied");
			assertRefused(vault(intruder, server)::whoAmI, RpcErrorCodes.UNAUTHENTICATED, "Authentication failed");
			assertThat(server.getBean(GuardedVault.class).runs()).isEqualTo(3);
		}
	}

	@Test
	void bearerTokensAreCheckedByTheJwtDecoder() {
		try (ConfigurableApplicationContext server = server("rpc.server.security.authentication=required");
				RpcClient carol = client(RpcCredentials.bearer(() -> "carol-token"));
				RpcClient forger = client(RpcCredentials.bearer(() -> "forged"))) {
			Vault vault = vault(carol, server);
			assertThat(vault.whoAmI()).isEqualTo("carol");
			// Her token's authority is SCOPE_vault, not ROLE_READER.
			assertRefused(vault::read, RpcErrorCodes.PERMISSION_DENIED, "Permission denied");
			assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> vault.readLater().join())
				.havingCause()
				.isInstanceOfSatisfying(RpcRemoteException.class,
						(ex) -> assertThat(ex.code()).isEqualTo(RpcErrorCodes.PERMISSION_DENIED));
			assertRefused(vault(forger, server)::whoAmI, RpcErrorCodes.UNAUTHENTICATED, "Authentication failed");
			assertThat(server.getBean(GuardedVault.class).runs()).isEqualTo(1);
		}
	}

	@Test
	void withoutRequirementAnAnonymousCallRunsButAGuardedMethodAsksForCredentials() {
		try (ConfigurableApplicationContext server = server();
				RpcClient anonymous = client(null);
				RpcClient intruder = client(RpcCredentials.basic("bob", "wrong"))) {
			Vault vault = vault(anonymous, server);
			assertThat(vault.whoAmI()).isEqualTo("anonymous");
			assertRefused(vault::read, RpcErrorCodes.UNAUTHENTICATED, "Authentication required");
			// Credentials shown are checked, required or not.
			assertRefused(vault(intruder, server)::whoAmI, RpcErrorCodes.UNAUTHENTICATED, "Authentication failed");
			assertThat(server.getBean(GuardedVault.class).runs()).isEqualTo(1);
		}
	}

	@Test
	void aClientCertificateNamesTheUserWhenNoOtherCredentialsAreShown() throws Exception {
		X509Bundle billing = pki.issue("CN=billing, O=jrpc");
		X509Bundle stranger = pki.issue("CN=stranger");
		try (ConfigurableApplicationContext server = server("rpc.server.security.authentication=required",
				"spring.ssl.bundle.pem.rpc.keystore.certificate=" + pki.location("server.crt"),
				"spring.ssl.bundle.pem.rpc.keystore.private-key=" + pki.location("server.key"),
				"spring.ssl.bundle.pem.rpc.truststore.certificate=" + pki.location("ca.crt"),
				"rpc.server.ssl.bundle=rpc", "rpc.server.ssl.client-auth=need");
				RpcClient client = RpcClient.builder().build()) {
			Vault vault = client.proxy(Vault.class)
				.address("127.0.0.1:" + port(server))
				.tls(() -> tls(billing))
				.build();
			assertThat(vault.whoAmI()).isEqualTo("billing");
			assertThat(vault.read()).isEqualTo("secret");
			Vault unknown = client.proxy(Vault.class).address("127.0.0.1:" + port(server)).tls(() -> tls(stranger)).build();
			assertRefused(unknown::whoAmI, RpcErrorCodes.UNAUTHENTICATED, "Authentication failed");
			assertThat(server.getBean(GuardedVault.class).runs()).isEqualTo(2);
			try (RpcClient alice = RpcClient.builder().interceptor(RpcCredentials.basic("alice", "alice-pw")).build()) {
				Vault both = alice.proxy(Vault.class).address("127.0.0.1:" + port(server)).tls(() -> tls(billing)).build();
				// Credentials shown in meta.authorization come before the certificate.
				assertThat(both.whoAmI()).isEqualTo("alice");
			}
		}
	}

	@Test
	void withoutRequirementACertificateNamingNoKnownUserLeavesTheCallerAnonymous() throws Exception {
		X509Bundle stranger = pki.issue("CN=stranger");
		X509Bundle nameless = pki.issue("O=jrpc, OU=no common name");
		try (ConfigurableApplicationContext server = server(
				"spring.ssl.bundle.pem.rpc.keystore.certificate=" + pki.location("server.crt"),
				"spring.ssl.bundle.pem.rpc.keystore.private-key=" + pki.location("server.key"),
				"spring.ssl.bundle.pem.rpc.truststore.certificate=" + pki.location("ca.crt"),
				"rpc.server.ssl.bundle=rpc", "rpc.server.ssl.client-auth=need");
				RpcClient client = RpcClient.builder().build()) {
			for (X509Bundle certificate : List.of(stranger, nameless)) {
				Vault vault = client.proxy(Vault.class).address("127.0.0.1:" + port(server)).tls(() -> tls(certificate))
					.build();
				assertThat(vault.whoAmI()).isEqualTo("anonymous");
				assertRefused(vault::read, RpcErrorCodes.UNAUTHENTICATED, "Authentication required");
			}
		}
	}

	@Test
	void credentialsThatCannotBeReadAreRefusedAndAFailingUserStoreIsTheServersError() throws IOException {
		try (ConfigurableApplicationContext server = server();
				Socket socket = new Socket("127.0.0.1", port(server))) {
			socket.setSoTimeout(10_000);
			int id = 0;
			for (String authorization : List.of("\"Basic %%%\"", "\"Basic " + base64("no-colon") + "\"",
					"\"Digest abc\"", "\"Bearer \"", "42")) {
				assertThat(exchange(socket, whoAmI(++id, authorization))).contains("\"code\":-32003")
					.contains("Authentication failed");
			}
			assertThat(exchange(socket, whoAmI(++id, "\"Basic " + base64("broken:x") + "\"")))
				.contains("\"code\":-32603")
				.contains("Credentials could not be checked");
			assertThat(server.getBean(GuardedVault.class).runs()).isZero();
		}
	}

	private static String whoAmI(int id, String authorizationJson) {
		return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + Vault.class.getName()
				+ ".whoAmI\",\"params\":[],\"meta\":{\"authorization\":" + authorizationJson + "}}";
	}

	private static String base64(String text) {
		return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void theApplicationsOwnAuthenticationManagerChecksTheCredentials() {
		try (ConfigurableApplicationContext server = new SpringApplicationBuilder(ManagedApplication.class)
			.web(WebApplicationType.NONE)
			.properties("rpc.server.port=0", "rpc.server.address=127.0.0.1", "rpc.server.security.authentication=required")
			.run();
				RpcClient service = client(RpcCredentials.basic("svc", "api-key"));
				RpcClient other = client(RpcCredentials.basic("svc", "wrong"))) {
			assertThat(vault(service, server).whoAmI()).isEqualTo("svc");
			assertRefused(vault(other, server)::whoAmI, RpcErrorCodes.UNAUTHENTICATED, "Authentication failed");
		}
	}

	private static SslContext tls(X509Bundle certificate) {
		try {
			return SslContextBuilder.forClient()
				.keyManager(certificate.toKeyManagerFactory())
				.trustManager(pki.ca().toTrustManagerFactory())
				.build();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void aPingNeedsNoCredentialsAndAPlainJsonCallerSendsThemInMeta() throws IOException {
		try (ConfigurableApplicationContext server = server("rpc.server.security.authentication=required");
				Socket socket = new Socket("127.0.0.1", port(server))) {
			socket.setSoTimeout(10_000);
			assertThat(exchange(socket, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"rpc.ping\"}"))
				.contains("\"result\":\"pong\"");
			String basic = base64("alice:alice-pw");
			assertThat(exchange(socket, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"" + Vault.class.getName()
					+ ".whoAmI\",\"params\":[],\"meta\":{\"authorization\":\"Basic " + basic + "\"}}"))
				.contains("\"result\":\"alice\"");
			assertThat(exchange(socket, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"" + Vault.class.getName()
					+ ".whoAmI\",\"params\":[]}"))
				.contains("\"code\":-32003");
		}
	}

	@Test
	void rpcDiscoverFollowsTheAuthenticationRequirement() throws IOException {
		String discover = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"rpc.discover\"";
		try (ConfigurableApplicationContext server = server("rpc.server.security.authentication=required");
				Socket socket = new Socket("127.0.0.1", port(server))) {
			socket.setSoTimeout(10_000);
			assertThat(exchange(socket, discover + "}")).contains("\"code\":-32003");
			assertThat(exchange(socket, discover + ",\"meta\":{\"authorization\":\"Basic " + base64("alice:alice-pw")
					+ "\"}}"))
				.contains("\"openrpc\":\"1.3.2\"");
		}
	}

	/** Sends one JSON request on the stream and reads the one object it answers with. */
	private static String exchange(Socket socket, String request) throws IOException {
		OutputStream out = socket.getOutputStream();
		out.write(request.getBytes(StandardCharsets.UTF_8));
		out.flush();
		InputStream in = socket.getInputStream();
		StringBuilder answer = new StringBuilder();
		int depth = 0;
		do {
			int next = in.read();
			if (next < 0) {
				throw new IOException("closed after " + answer);
			}
			char c = (char) next;
			answer.append(c);
			depth += (c == '{') ? 1 : (c == '}') ? -1 : 0;
		}
		while (depth > 0 || answer.toString().isBlank());
		return answer.toString();
	}

	@Test
	void requiredWithNothingToCheckCredentialsWithFailsTheStartup() {
		assertThatThrownBy(() -> new SpringApplicationBuilder(UnguardedApplication.class).web(WebApplicationType.NONE)
			.properties("rpc.server.port=0", "rpc.server.address=127.0.0.1", "rpc.server.security.authentication=required")
			.run()
			.close()).hasStackTraceContaining("rpc.server.security.authentication is required, but the application"
					+ " defines no AuthenticationManager, AuthenticationProvider, UserDetailsService or JwtDecoder bean");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableMethodSecurity(securedEnabled = true)
	@Import(GuardedVault.class)
	static class ServerApplication {

		@Bean
		UserDetailsService users() {
			InMemoryUserDetailsManager known = new InMemoryUserDetailsManager(
					User.withUsername("alice").password("{noop}alice-pw").roles("READER").build(),
					User.withUsername("bob").password("{noop}bob-pw").roles("WRITER").build(),
					User.withUsername("billing").password("{noop}unused").roles("READER").build());
			return (name) -> {
				if (name.equals("broken")) {
					throw new IllegalStateException("the user store is down");
				}
				return known.loadUserByUsername(name);
			};
		}

		@Bean
		JwtDecoder jwtDecoder() {
			return (token) -> {
				if (!token.equals("carol-token")) {
					throw new BadJwtException("not signed by us");
				}
				return Jwt.withTokenValue(token).header("alg", "none").subject("carol").claim("scope", "vault")
					.issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(GuardedVault.class)
	static class ManagedApplication {

		@Bean
		AuthenticationManager apiKeys() {
			return (request) -> {
				if (request.getName().equals("svc") && "api-key".equals(request.getCredentials())) {
					return UsernamePasswordAuthenticationToken.authenticated("svc", null, List.of());
				}
				throw new BadCredentialsException("unknown key");
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(GuardedVault.class)
	static class UnguardedApplication {

	}

}
