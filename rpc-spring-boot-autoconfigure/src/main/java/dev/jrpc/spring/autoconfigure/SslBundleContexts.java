package dev.jrpc.spring.autoconfigure;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.net.ssl.SSLException;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;

/**
 * Netty TLS contexts made from Spring Boot SSL bundles, one per bundle and role, each following
 * its bundle: when Boot reloads a bundle (its update handler), the context is made again and
 * serves the next connections, while open ones keep theirs, as Boot's own servers do. A reloaded
 * bundle that cannot make a context leaves the last good one in place, with an error logged.
 */
final class SslBundleContexts {

	private static final Logger logger = LoggerFactory.getLogger(SslBundleContexts.class);

	private final ObjectProvider<SslBundles> bundles;

	private final Map<String, Supplier<SslContext>> contexts = new ConcurrentHashMap<>();

	/** @param bundles Boot's SSL bundles, looked up only when a bundle is named */
	SslBundleContexts(ObjectProvider<SslBundles> bundles) {
		this.bundles = bundles;
	}

	/**
	 * The server context of {@code bundleName}, named by {@code property}.
	 * @throws IllegalStateException naming the property when the bundle is missing or cannot serve
	 */
	Supplier<SslContext> server(String bundleName, RpcProperties.ClientAuth clientAuth, String property) {
		return context("server/" + clientAuth + "/" + bundleName, bundleName, property,
				(bundle) -> serverContext(bundle, clientAuth, bundleName, property));
	}

	/**
	 * The client context of {@code bundleName}, named by {@code property}.
	 * @throws IllegalStateException naming the property when the bundle is missing or cannot serve
	 */
	Supplier<SslContext> client(String bundleName, String property) {
		return context("client/" + bundleName, bundleName, property, (bundle) -> clientContext(bundle, bundleName, property));
	}

	private Supplier<SslContext> context(String key, String bundleName, String property,
			Function<SslBundle, SslContext> make) {
		return this.contexts.computeIfAbsent(key, (ignored) -> {
			SslBundles available = this.bundles.getIfAvailable();
			if (available == null) {
				throw new IllegalStateException(property + " names the SSL bundle '" + bundleName
						+ "', but the context has no SslBundles: Spring Boot's SslAutoConfiguration is excluded or absent");
			}
			SslBundle bundle;
			try {
				bundle = available.getBundle(bundleName);
			}
			catch (NoSuchSslBundleException ex) {
				throw new IllegalStateException(property + " names the SSL bundle '" + bundleName
						+ "', which is not configured: define it under spring.ssl.bundle.pem." + bundleName
						+ " or spring.ssl.bundle.jks." + bundleName, ex);
			}
			Reloading reloading = new Reloading(make.apply(bundle));
			available.addBundleUpdateHandler(bundleName, (updated) -> reloading.update(updated, make, bundleName));
			return reloading;
		});
	}

	private static SslContext serverContext(SslBundle bundle, RpcProperties.ClientAuth clientAuth, String bundleName,
			String property) {
		if (bundle.getStores().getKeyStore() == null) {
			throw new IllegalStateException(property + " names the SSL bundle '" + bundleName
					+ "', which has no key store: a server needs its certificate and private key there");
		}
		if (clientAuth != RpcProperties.ClientAuth.NONE && bundle.getStores().getTrustStore() == null) {
			throw new IllegalStateException("rpc.server.ssl.client-auth is " + clientAuth.name().toLowerCase()
					+ ", but the SSL bundle '" + bundleName + "' has no trust store to verify clients' certificates with");
		}
		SslContextBuilder builder = SslContextBuilder.forServer(bundle.getManagers().getKeyManagerFactory())
			.clientAuth(switch (clientAuth) {
				case NONE -> ClientAuth.NONE;
				case WANT -> ClientAuth.OPTIONAL;
				case NEED -> ClientAuth.REQUIRE;
			});
		if (bundle.getStores().getTrustStore() != null) {
			builder.trustManager(bundle.getManagers().getTrustManagerFactory());
		}
		return build(options(builder, bundle.getOptions()), bundleName, property);
	}

	private static SslContext clientContext(SslBundle bundle, String bundleName, String property) {
		SslContextBuilder builder = SslContextBuilder.forClient();
		if (bundle.getStores().getTrustStore() != null) {
			builder.trustManager(bundle.getManagers().getTrustManagerFactory());
		}
		if (bundle.getStores().getKeyStore() != null) {
			builder.keyManager(bundle.getManagers().getKeyManagerFactory());
		}
		return build(options(builder, bundle.getOptions()), bundleName, property);
	}

	private static SslContextBuilder options(SslContextBuilder builder, SslOptions options) {
		if (options.getEnabledProtocols() != null) {
			builder.protocols(options.getEnabledProtocols());
		}
		if (options.getCiphers() != null) {
			builder.ciphers(Arrays.asList(options.getCiphers()));
		}
		return builder;
	}

	private static SslContext build(SslContextBuilder builder, String bundleName, String property) {
		try {
			return builder.build();
		}
		catch (SSLException | IllegalArgumentException ex) {
			throw new IllegalStateException("The SSL bundle '" + bundleName + "' (" + property
					+ ") cannot make a TLS context: " + ex.getMessage(), ex);
		}
	}

	/** The context of one bundle and role, made again when its bundle is reloaded. */
	private static final class Reloading implements Supplier<SslContext> {

		private volatile SslContext current;

		Reloading(SslContext first) {
			this.current = first;
		}

		@Override
		public SslContext get() {
			return this.current;
		}

		void update(SslBundle bundle, Function<SslBundle, SslContext> make, String bundleName) {
			try {
				this.current = make.apply(bundle);
				logger.info("SSL bundle '{}' reloaded: new jrpc connections use it", bundleName);
			}
			catch (RuntimeException ex) {
				logger.error("SSL bundle '{}' was reloaded but cannot be used, so jrpc connections go on with the"
						+ " previous one: {}", bundleName, ex.getMessage());
			}
		}

	}

}
