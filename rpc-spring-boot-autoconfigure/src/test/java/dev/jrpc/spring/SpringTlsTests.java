package dev.jrpc.spring;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import dev.jrpc.RpcConnectionException;
import dev.jrpc.RpcServerInterceptor;
import dev.jrpc.spring.SpringEndToEndTests.CalculatorUser;
import dev.jrpc.spring.SpringEndToEndTests.ClientApplication;
import dev.jrpc.spring.context.RpcServerLifecycle;
import dev.jrpc.spring.fixtures.Calculator;
import dev.jrpc.spring.fixtures.DefaultCalculator;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two Spring Boot applications over mutual TLS configured from SSL bundles
 * ({@code spring.ssl.bundle.pem.*}, PEM files written for the test): the server sees the client's
 * certificate, a client without one cannot call, a bundle Boot reloads serves the next
 * connections, and a missing bundle fails the startup naming the property.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SpringTlsTests {

	@TempDir
	static Path pem;

	private static TestPki pki;

	@BeforeAll
	static void certificates() throws Exception {
		pki = new TestPki(pem);
		pki.write("client", pki.issue("CN=billing"));
	}

	private static void write(String name, X509Bundle bundle) throws IOException {
		pki.write(name, bundle);
	}

	private static String[] bundle(String bundle, String certificate, boolean withKeyStore) {
		String prefix = "spring.ssl.bundle.pem." + bundle + ".";
		String trust = prefix + "truststore.certificate=file:" + pem.resolve("ca.crt");
		if (!withKeyStore) {
			return new String[] { trust };
		}
		return new String[] { trust, prefix + "keystore.certificate=file:" + pem.resolve(certificate + ".crt"),
				prefix + "keystore.private-key=file:" + pem.resolve(certificate + ".key") };
	}

	private static ConfigurableApplicationContext server() {
		return new SpringApplicationBuilder(ServerApplication.class).web(WebApplicationType.NONE)
			.properties(bundle("rpc-server", "server", true))
			.properties("rpc.server.port=0", "rpc.server.address=127.0.0.1", "rpc.server.ssl.bundle=rpc-server",
					"rpc.server.ssl.client-auth=need")
			.run();
	}

	private static ConfigurableApplicationContext client(String port, boolean withCertificate) {
		return new SpringApplicationBuilder(ClientApplication.class).web(WebApplicationType.NONE)
			.properties(bundle("rpc-client", "client", withCertificate))
			.properties("rpc.client.address=127.0.0.1:" + port, "rpc.client.ssl.bundle=rpc-client")
			.run();
	}

	@Test
	void aReferenceCallsOverMutualTlsAndTheServerSeesWhoCalled() {
		try (ConfigurableApplicationContext server = server()) {
			String port = server.getEnvironment().getProperty(RpcServerLifecycle.PORT_PROPERTY);
			try (ConfigurableApplicationContext client = client(port, true)) {
				assertThat(client.getBean(CalculatorUser.class).calculator.add(20, 22)).isEqualTo(42);
			}
			assertThat(server.getBean(Callers.class).last).isEqualTo("CN=billing");
		}
	}

	@Test
	void aServiceConfiguredOnItsOwnSpeaksTlsWithItsBundle() {
		try (ConfigurableApplicationContext server = server()) {
			String port = server.getEnvironment().getProperty(RpcServerLifecycle.PORT_PROPERTY);
			String service = "rpc.client.services[" + Calculator.class.getName() + "].";
			try (ConfigurableApplicationContext client = new SpringApplicationBuilder(ClientApplication.class)
				.web(WebApplicationType.NONE)
				.properties(bundle("billing", "client", true))
				.properties(service + "address=127.0.0.1:" + port, service + "ssl.bundle=billing",
						service + "ssl.server-name=localhost")
				.run()) {
				assertThat(client.getBean(CalculatorUser.class).calculator.add(2, 3)).isEqualTo(5);
			}
		}
	}

	@Test
	void aClientWithoutCertificateCannotCallWhenTheServerNeedsOne() {
		try (ConfigurableApplicationContext server = server()) {
			String port = server.getEnvironment().getProperty(RpcServerLifecycle.PORT_PROPERTY);
			try (ConfigurableApplicationContext client = client(port, false)) {
				Calculator calculator = client.getBean(CalculatorUser.class).calculator;
				assertThatExceptionOfType(RpcConnectionException.class).isThrownBy(() -> calculator.add(1, 2));
			}
			assertThat(server.getBean(Callers.class).last).isNull();
		}
	}

	@Test
	void aReloadedBundleServesTheNextConnections() throws Exception {
		try (ConfigurableApplicationContext server = server()) {
			String port = server.getEnvironment().getProperty(RpcServerLifecycle.PORT_PROPERTY);
			X509Bundle renewedCa = new CertificateBuilder().subject("CN=renewed CA").setIsCertificateAuthority(true)
				.ecp256()
				.buildSelfSigned();
			X509Bundle renewed = new CertificateBuilder().subject("CN=localhost").addSanIpAddress("127.0.0.1")
				.ecp256()
				.buildIssuedBy(renewedCa);
			write("renewed-ca", renewedCa);
			write("renewed", renewed);
			// As Boot does when it sees new files: the bundle is registered again, and its handlers run.
			server.getBean(SslBundleRegistry.class)
				.updateBundle("rpc-server", SslBundle.of(new PemSslStoreBundle(
						PemSslStoreDetails.forCertificate("file:" + pem.resolve("renewed.crt"))
							.withPrivateKey("file:" + pem.resolve("renewed.key")),
						PemSslStoreDetails.forCertificate("file:" + pem.resolve("ca.crt")))));

			try (ConfigurableApplicationContext client = new SpringApplicationBuilder(ClientApplication.class)
				.web(WebApplicationType.NONE)
				.properties("spring.ssl.bundle.pem.rpc-client.truststore.certificate=file:" + pem.resolve("renewed-ca.crt"),
						"spring.ssl.bundle.pem.rpc-client.keystore.certificate=file:" + pem.resolve("client.crt"),
						"spring.ssl.bundle.pem.rpc-client.keystore.private-key=file:" + pem.resolve("client.key"))
				.properties("rpc.client.address=127.0.0.1:" + port, "rpc.client.ssl.bundle=rpc-client")
				.run()) {
				assertThat(client.getBean(CalculatorUser.class).calculator.add(1, 2)).isEqualTo(3);
			}
		}
	}

	@Test
	void aBundleThatIsNotConfiguredFailsTheStartupNamingTheProperty() {
		assertThatThrownBy(() -> new SpringApplicationBuilder(ServerApplication.class).web(WebApplicationType.NONE)
			.properties("rpc.server.port=0", "rpc.server.address=127.0.0.1", "rpc.server.ssl.bundle=nowhere")
			.run()
			.close()).hasStackTraceContaining("rpc.server.ssl.bundle names the SSL bundle 'nowhere', which is not configured");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ DefaultCalculator.class, Callers.class })
	static class ServerApplication {

		@Bean
		RpcServerInterceptor recordCaller(Callers callers) {
			return (call, next) -> {
				if (!call.peerCertificates().isEmpty()) {
					callers.last = call.peerCertificates().get(0).getSubjectX500Principal().getName();
				}
				return next.proceed();
			};
		}

	}

	@Component
	static class Callers {

		volatile String last;

	}

}
