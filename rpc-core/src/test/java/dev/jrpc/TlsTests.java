package dev.jrpc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import dev.jrpc.testing.DefaultGreeter;
import dev.jrpc.testing.Greeter;
import dev.jrpc.testing.RawClient;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static dev.jrpc.testing.RawClient.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * TLS and mutual TLS between a jrpc client and server, with certificates made for the test by
 * Netty's {@code CertificateBuilder}: a test CA, a server certificate for {@code localhost} and
 * {@code 127.0.0.1}, and a client certificate. Each refusal (plaintext, untrusted, no client
 * certificate, a name that does not match, a handshake that never ends) closes the connection and
 * fails the call with a message that says why.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TlsTests {

	private static X509Bundle ca;

	private static X509Bundle serverCertificate;

	private static X509Bundle clientCertificate;

	private static X509Bundle otherCa;

	private final List<String> callers = new CopyOnWriteArrayList<>();

	private RpcServer server;

	private RpcClient client;

	@BeforeAll
	static void certificates() throws Exception {
		ca = new CertificateBuilder().subject("CN=jrpc test CA").setIsCertificateAuthority(true).ecp256().buildSelfSigned();
		serverCertificate = new CertificateBuilder().subject("CN=localhost")
			.addSanDnsName("localhost")
			.addSanIpAddress("127.0.0.1")
			.ecp256()
			.buildIssuedBy(ca);
		clientCertificate = new CertificateBuilder().subject("CN=ada").ecp256().buildIssuedBy(ca);
		otherCa = new CertificateBuilder().subject("CN=another CA").setIsCertificateAuthority(true)
			.ecp256()
			.buildSelfSigned();
	}

	@AfterEach
	void stop() {
		if (this.client != null) {
			this.client.close();
		}
		if (this.server != null) {
			this.server.stop();
		}
	}

	private void startServer(Supplier<SslContext> context) {
		// The default handshake timeout: a first handshake on a busy machine may take a while.
		startServer(context, RpcServer.DEFAULT_TLS_HANDSHAKE_TIMEOUT);
	}

	private void startServer(Supplier<SslContext> context, Duration handshakeTimeout) {
		this.server = RpcServer.builder()
			.address("127.0.0.1")
			.port(0)
			.tls(context)
			.tlsHandshakeTimeout(handshakeTimeout)
			.interceptor((call, next) -> {
				this.callers.add(call.peerCertificates().isEmpty() ? "anonymous"
						: call.peerCertificates().get(0).getSubjectX500Principal().getName());
				return next.proceed();
			})
			.addService(Greeter.class, new DefaultGreeter())
			.build();
		this.server.start();
	}

	private static SslContext serverContext(X509Bundle certificate, ClientAuth clientAuth) {
		try {
			return SslContextBuilder.forServer(certificate.toKeyManagerFactory())
				.trustManager(ca.toTrustManagerFactory())
				.clientAuth(clientAuth)
				.build();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static SslContext clientContext(X509Bundle trusted, X509Bundle certificate) {
		try {
			SslContextBuilder builder = SslContextBuilder.forClient().trustManager(trusted.toTrustManagerFactory());
			if (certificate != null) {
				builder.keyManager(certificate.toKeyManagerFactory());
			}
			return builder.build();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void inProcessConnectionsOfATlsServerHaveNoTls() {
		SslContext server = serverContext(serverCertificate, ClientAuth.REQUIRE);
		this.server = RpcServer.builder()
			.address("127.0.0.1")
			.port(0)
			.tls(() -> server)
			.inProcess("tls-tests")
			.addService(Greeter.class, new DefaultGreeter())
			.build();
		this.server.start();
		SslContext client = clientContext(ca, clientCertificate);
		this.client = RpcClient.builder().tls(() -> client).inProcess("tls-tests").build();
		assertThat(this.client.create(Greeter.class, "127.0.0.1:" + this.server.port()).greet("Ada"))
			.isEqualTo("Hello, Ada");
	}

	private Greeter greeter(SslContext context) {
		this.client = RpcClient.builder().tls(() -> context).timeout(Duration.ofSeconds(5)).build();
		return this.client.create(Greeter.class, "127.0.0.1:" + this.server.port());
	}

	@Test
	void aCallOverMutualTlsSucceedsAndTheServerSeesWhoCalled() {
		SslContext context = serverContext(serverCertificate, ClientAuth.REQUIRE);
		startServer(() -> context);

		Greeter remote = greeter(clientContext(ca, clientCertificate));

		assertThat(remote.greet("Ada")).isEqualTo("Hello, Ada");
		assertThat(this.callers).containsExactly("CN=ada");
	}

	@Test
	void withClientAuthWantACallerWithoutCertificateIsServedAsAnonymous() {
		SslContext context = serverContext(serverCertificate, ClientAuth.OPTIONAL);
		startServer(() -> context);

		Greeter remote = greeter(clientContext(ca, null));

		assertThat(remote.greet("Ada")).isEqualTo("Hello, Ada");
		assertThat(this.callers).containsExactly("anonymous");
	}

	@Test
	void withClientAuthNeedACallerWithoutCertificateCannotCall() {
		SslContext context = serverContext(serverCertificate, ClientAuth.REQUIRE);
		startServer(() -> context);

		Greeter remote = greeter(clientContext(ca, null));

		assertThatExceptionOfType(RpcConnectionException.class).isThrownBy(() -> remote.greet("Ada"))
			.withMessageContaining("127.0.0.1:" + this.server.port());
		assertThat(this.callers).isEmpty();
	}

	@Test
	void aServerWhoseCertificateIsNotTrustedIsNotCalled() {
		SslContext context = serverContext(serverCertificate, ClientAuth.NONE);
		startServer(() -> context);

		Greeter remote = greeter(clientContext(otherCa, null));

		assertThatExceptionOfType(RpcConnectionException.class).isThrownBy(() -> remote.greet("Ada"))
			.withMessageContaining("TLS handshake failed");
		assertThat(this.callers).isEmpty();
	}

	@Test
	void aServerWhoseCertificateHasExpiredIsNotCalled() throws Exception {
		X509Bundle expired = new CertificateBuilder().subject("CN=localhost")
			.addSanIpAddress("127.0.0.1")
			.notBefore(Instant.now().minus(Duration.ofDays(30)))
			.notAfter(Instant.now().minus(Duration.ofDays(1)))
			.ecp256()
			.buildIssuedBy(ca);
		SslContext context = serverContext(expired, ClientAuth.NONE);
		startServer(() -> context);

		Greeter remote = greeter(clientContext(ca, null));

		assertThatExceptionOfType(RpcConnectionException.class).isThrownBy(() -> remote.greet("Ada"))
			.withMessageContaining("TLS handshake failed");
		assertThat(this.callers).isEmpty();
	}

	@Test
	void aCertificateForAnotherNameIsRefusedUnlessTheServerNameSaysSo() throws Exception {
		X509Bundle named = new CertificateBuilder().subject("CN=greeter.jrpc.test")
			.addSanDnsName("greeter.jrpc.test")
			.ecp256()
			.buildIssuedBy(ca);
		SslContext context = serverContext(named, ClientAuth.NONE);
		startServer(() -> context);
		SslContext trusting = clientContext(ca, null);

		Greeter byAddress = greeter(trusting);
		assertThatExceptionOfType(RpcConnectionException.class).isThrownBy(() -> byAddress.greet("Ada"))
			.withMessageContaining("TLS handshake failed");

		Greeter byName = this.client.proxy(Greeter.class)
			.address("127.0.0.1:" + this.server.port())
			.tlsServerName("greeter.jrpc.test")
			.build();
		assertThat(byName.greet("Ada")).isEqualTo("Hello, Ada");
	}

	@Test
	void aPlaintextClientIsClosedUnread() {
		SslContext context = serverContext(serverCertificate, ClientAuth.NONE);
		startServer(() -> context);

		try (RawClient plaintext = RawClient.connect(this.server.port())) {
			plaintext.sendFrame(request(1, Greeter.class.getName() + ".greet", "[\"Ada\"]"));
			assertThat(plaintext.read()).as("the server closed the connection").isEqualTo(-1);
		}
		assertThat(this.callers).isEmpty();
	}

	@Test
	void aHandshakeThatNeverEndsIsClosedAtItsTimeout() {
		SslContext context = serverContext(serverCertificate, ClientAuth.NONE);
		startServer(() -> context, Duration.ofMillis(500));

		try (RawClient stalled = RawClient.connect(this.server.port())) {
			long started = System.nanoTime();
			// The first bytes of a TLS record header, and nothing more.
			stalled.send(new byte[] { 0x16, 0x03, 0x01 });
			assertThat(stalled.read()).isEqualTo(-1);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(400),
					Duration.ofSeconds(4));
		}
	}

	@Test
	void aNewContextServesTheNextConnectionsAndTheOpenOnesKeepTheirs() throws Exception {
		X509Bundle renewedCa = new CertificateBuilder().subject("CN=renewed CA").setIsCertificateAuthority(true)
			.ecp256()
			.buildSelfSigned();
		X509Bundle renewed = new CertificateBuilder().subject("CN=localhost")
			.addSanIpAddress("127.0.0.1")
			.ecp256()
			.buildIssuedBy(renewedCa);
		AtomicReference<SslContext> current = new AtomicReference<>(serverContext(serverCertificate, ClientAuth.NONE));
		startServer(current::get);
		Greeter before = greeter(clientContext(ca, null));
		assertThat(before.greet("Ada")).isEqualTo("Hello, Ada");

		current.set(serverContext(renewed, ClientAuth.NONE));

		try (RpcClient renewedClient = RpcClient.builder().tls(() -> clientContext(renewedCa, null)).build()) {
			Greeter after = renewedClient.create(Greeter.class, "127.0.0.1:" + this.server.port());
			assertThat(after.greet("Grace")).isEqualTo("Hello, Grace");
		}
		assertThat(before.greet("Ada")).as("the connection opened before keeps its certificate")
			.isEqualTo("Hello, Ada");
	}

	/** The README's Python client: the standard library's ssl module, with a client certificate. */
	@Test
	void aPythonClientWithTheStandardLibraryCallsOverMutualTls(@TempDir Path pem) throws Exception {
		assumeTrue(python3(), "python3 is not on the PATH");
		SslContext context = serverContext(serverCertificate, ClientAuth.REQUIRE);
		startServer(() -> context);
		Files.writeString(pem.resolve("ca.crt"), ca.getCertificatePEM());
		Files.writeString(pem.resolve("client.crt"), clientCertificate.getCertificatePEM());
		Files.writeString(pem.resolve("client.key"), clientCertificate.getPrivateKeyPEM());
		String script = String.join("\n", "import json, socket, ssl, sys",
				"context = ssl.create_default_context(cafile=sys.argv[1])",
				"context.load_cert_chain(sys.argv[2], sys.argv[3])",
				"with context.wrap_socket(socket.create_connection(('127.0.0.1', int(sys.argv[4]))),"
						+ " server_hostname='localhost') as s:",
				"    s.sendall(b'{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + Greeter.class.getName()
						+ ".greet\",\"params\":[\"Ada\"]}\\n')",
				"    print(json.loads(s.makefile().readline())['result'])");
		Process python = new ProcessBuilder("python3", "-c", script, pem.resolve("ca.crt").toString(),
				pem.resolve("client.crt").toString(), pem.resolve("client.key").toString(),
				String.valueOf(this.server.port()))
			.redirectErrorStream(true)
			.start();
		assertThat(python.waitFor(20, TimeUnit.SECONDS)).as("python3 ended").isTrue();
		String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(output.strip()).isEqualTo("Hello, Ada");
		assertThat(this.callers).containsExactly("CN=ada");
	}

	private static boolean python3() {
		try {
			Process probe = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
			return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	@Test
	void aClientContextOnTheServerOrAServerContextOnTheClientFailsAtBuild() {
		SslContext clientSide = clientContext(ca, null);
		SslContext serverSide = serverContext(serverCertificate, ClientAuth.NONE);

		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> RpcServer.builder().tls(() -> clientSide))
			.withMessageContaining("SslContextBuilder.forServer");
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> RpcClient.builder().tls(() -> serverSide))
			.withMessageContaining("SslContextBuilder.forClient");
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> RpcClient.builder().tlsServerName("greeter.jrpc.test").build())
			.withMessageContaining("no TLS context");
	}

}
