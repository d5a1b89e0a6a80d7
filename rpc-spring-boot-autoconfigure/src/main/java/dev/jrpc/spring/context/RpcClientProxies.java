package dev.jrpc.spring.context;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.jrpc.LoadBalancing;
import dev.jrpc.RpcFraming;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.Environment;

/**
 * The proxies of an application context, for {@code @RpcReference} fields and client beans alike:
 * a declaration is resolved with placeholders first, then its own values, the per-service
 * properties and the global properties, in that order, when the proxy is asked for, never before
 * (so an AOT-processed application reads its environment at run time). Declarations that resolve
 * to the same settings share one proxy.
 */
public class RpcClientProxies {

	/** Where the settings a declaration leaves empty come from: the properties. */
	@FunctionalInterface
	public interface Defaults {

		/** The configured settings of the references to {@code service}. */
		ServiceDefaults forService(String service);

	}

	/**
	 * The configured settings of the references to one service.
	 *
	 * @param address the address, or null when none is configured
	 * @param timeout how long each call waits for its answer
	 * @param plainNames whether the server's methods answer to their plain names
	 * @param framing how messages are delimited on the connection
	 * @param maxInFlight most calls in flight at once per connection, 0 for no limit
	 * @param loadBalancing how calls are spread over the endpoints
	 * @param maxAttempts attempts in all of an idempotent call that may have run
	 */
	public record ServiceDefaults(@Nullable String address, Duration timeout, boolean plainNames, RpcFraming framing,
			int maxInFlight, LoadBalancing loadBalancing, int maxAttempts) {
	}

	/**
	 * A proxy as declared, before placeholders and properties: each value empty when the
	 * declaration leaves it to the properties.
	 *
	 * @param type the interface
	 * @param describedAs what declares it, for messages: {@code @RpcReference field a.B.c} or
	 * {@code client bean 'b' (a.I)}
	 */
	public record Declaration(Class<?> type, String name, String version, String address, String timeout,
			String describedAs) {
	}

	private final Environment environment;

	private final Defaults defaults;

	private final Function<ReferenceSettings, Object> proxyFactory;

	private final Map<ReferenceSettings, Object> proxies = new ConcurrentHashMap<>();

	public RpcClientProxies(Environment environment, Defaults defaults,
			Function<ReferenceSettings, Object> proxyFactory) {
		this.environment = environment;
		this.defaults = defaults;
		this.proxyFactory = proxyFactory;
	}

	/**
	 * The proxy of {@code declaration}, shared with every declaration of the same settings.
	 * @throws IllegalStateException naming the declaration and what to change, when it has no
	 * address and no registry can find it, or its settings or interface are wrong
	 */
	public Object proxy(Declaration declaration) {
		ReferenceSettings settings = resolve(declaration);
		try {
			return this.proxies.computeIfAbsent(settings, this.proxyFactory);
		}
		catch (RuntimeException ex) {
			String message = ex.getMessage();
			if (settings.address() == null && message != null && message.startsWith("No address")) {
				// Neither an address nor a registry to find the service in.
				message = "No address for " + declaration.describedAs() + " (service " + settings.name()
						+ "): set address on the annotation, rpc.client.services[" + settings.name()
						+ "].address, or rpc.client.address, or find services in ZooKeeper with"
						+ " rpc.registry.zookeeper.connect-string";
			}
			else {
				message = "Cannot create the proxy of " + declaration.describedAs() + ": " + message;
			}
			throw new IllegalStateException(message, ex);
		}
	}

	/** The settings of {@code declaration}, after placeholders and properties. */
	public ReferenceSettings resolve(Declaration declaration) {
		String name = resolve(declaration.name());
		if (name.isEmpty()) {
			name = declaration.type().getName();
		}
		String version = resolve(declaration.version());
		ServiceDefaults configured = this.defaults.forService(name);
		String address = resolve(declaration.address());
		if (address.isEmpty()) {
			// None declared: the configured one, or else the client's registry, if it has one.
			address = (configured.address() != null) ? configured.address() : "";
		}
		String timeoutText = resolve(declaration.timeout());
		Duration timeout;
		if (timeoutText.isEmpty()) {
			timeout = configured.timeout();
		}
		else {
			try {
				timeout = DurationStyle.detectAndParse(timeoutText);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException(declaration.describedAs() + " has timeout '" + timeoutText
						+ "', which is not a duration; write one such as 500ms or 2s", ex);
			}
		}
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalStateException("The timeout of " + declaration.describedAs() + " must be positive, was "
					+ timeout);
		}
		return new ReferenceSettings(declaration.type(), name, version, address.isBlank() ? null : address.strip(),
				timeout, configured.plainNames(), configured.framing(), configured.maxInFlight(),
				configured.loadBalancing(), configured.maxAttempts());
	}

	private String resolve(String value) {
		return value.isEmpty() ? value : this.environment.resolveRequiredPlaceholders(value).strip();
	}

}
