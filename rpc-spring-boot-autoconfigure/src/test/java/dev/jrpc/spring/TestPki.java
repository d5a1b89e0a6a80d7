package dev.jrpc.spring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;

/**
 * Certificates made for a test and written as PEM files for Spring Boot's SSL bundles: a CA, a
 * server certificate for 127.0.0.1 and localhost issued by it, and any others a test asks for.
 */
final class TestPki {

	private final Path directory;

	private final X509Bundle ca;

	/** Writes {@code ca.crt}, and {@code server.crt} with {@code server.key}, to {@code directory}. */
	TestPki(Path directory) throws Exception {
		this.directory = directory;
		this.ca = new CertificateBuilder().subject("CN=jrpc test CA").setIsCertificateAuthority(true).ecp256()
			.buildSelfSigned();
		write("ca", this.ca);
		write("server", issue(new CertificateBuilder().subject("CN=localhost").addSanIpAddress("127.0.0.1")));
	}

	X509Bundle ca() {
		return this.ca;
	}

	/** A certificate for {@code subject}, issued by the CA. */
	X509Bundle issue(String subject) throws Exception {
		return issue(new CertificateBuilder().subject(subject));
	}

	private X509Bundle issue(CertificateBuilder builder) throws Exception {
		return builder.ecp256().buildIssuedBy(this.ca);
	}

	/** Writes {@code bundle} as {@code <name>.crt} and {@code <name>.key}. */
	void write(String name, X509Bundle bundle) throws IOException {
		Files.writeString(this.directory.resolve(name + ".crt"), bundle.getCertificatePEM());
		Files.writeString(this.directory.resolve(name + ".key"), bundle.getPrivateKeyPEM());
	}

	/** The {@code file:} location of {@code <name>}, for a bundle property. */
	String location(String name) {
		return "file:" + this.directory.resolve(name);
	}

}
