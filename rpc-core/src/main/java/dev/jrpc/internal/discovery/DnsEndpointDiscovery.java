package dev.jrpc.internal.discovery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

import dev.jrpc.discovery.Endpoint;
import dev.jrpc.discovery.EndpointDiscovery;
import dev.jrpc.internal.client.ServerAddress;

/**
 * The endpoints behind a DNS name, for addresses {@code dns:///host:port}: one per A and AAAA
 * record of the host, all on the port of the address, of the default weight, IPv4 first. A
 * Kubernetes headless Service thus gives one endpoint per ready pod.
 * <p>
 * The name is resolved once when subscribed, on the calling thread, then again every refresh
 * interval on the scheduler, whose threads must be free to block: never a Netty event loop. The
 * JVM caches answers too ({@code networkaddress.cache.ttl}, 30 seconds by default), which bounds
 * how soon a change is seen. The version of a subscription is ignored: DNS knows none.
 */
public final class DnsEndpointDiscovery implements EndpointDiscovery {

	/** The scheme of the addresses this discovery resolves. */
	public static final String SCHEME = "dns";

	/** How often a name is resolved again unless told otherwise. */
	public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(30);

	/** IPv4 before IPv6, then by the address's bytes, then by its text, which holds an IPv6 scope. */
	private static final Comparator<InetAddress> ORDER = Comparator
		.<InetAddress>comparingInt((address) -> address.getAddress().length)
		.thenComparing(InetAddress::getAddress, Arrays::compareUnsigned)
		.thenComparing(InetAddress::getHostAddress);

	private final ScheduledExecutorService scheduler;

	private final Duration refreshInterval;

	private final HostResolver resolver;

	/**
	 * A discovery through the JVM's resolver.
	 * @param scheduler runs the refreshes; stays the caller's to shut down
	 * @param refreshInterval how often a name is resolved again, positive
	 */
	public DnsEndpointDiscovery(ScheduledExecutorService scheduler, Duration refreshInterval) {
		this(scheduler, refreshInterval, InetAddress::getAllByName);
	}

	/**
	 * A discovery through {@code resolver}.
	 * @param scheduler runs the refreshes; stays the caller's to shut down
	 * @param refreshInterval how often a name is resolved again, positive
	 * @param resolver gives every address of a host
	 */
	public DnsEndpointDiscovery(ScheduledExecutorService scheduler, Duration refreshInterval, HostResolver resolver) {
		if (refreshInterval.isNegative() || refreshInterval.isZero()) {
			throw new IllegalArgumentException("The DNS refresh interval must be positive, was " + refreshInterval);
		}
		this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
		this.refreshInterval = refreshInterval;
		this.resolver = Objects.requireNonNull(resolver, "resolver");
	}

	/**
	 * Resolves {@code name} now and then every refresh interval. When the first resolution fails,
	 * the listener gets an empty set at once, and the next ones are tried on the schedule.
	 * @param name {@code host:port}, with an IPv6 literal in brackets
	 * @throws IllegalArgumentException when {@code name} is not of that form
	 */
	@Override
	public Subscription subscribe(String name, String version, Consumer<List<Endpoint>> listener) {
		ServerAddress address = parse(name);
		PollingSubscription subscription = new PollingSubscription("DNS name " + address.host(),
				() -> resolve(address), listener, this.refreshInterval);
		subscription.refresh();
		subscription.schedule(this.scheduler, this.refreshInterval);
		return subscription;
	}

	private List<Endpoint> resolve(ServerAddress address) throws UnknownHostException {
		InetAddress[] found = this.resolver.resolve(address.host());
		return Arrays.stream(found)
			.sorted(ORDER)
			.map((ip) -> Endpoint.of(ip.getHostAddress(), address.port()))
			.distinct()
			.toList();
	}

	private static ServerAddress parse(String name) {
		try {
			ServerAddress address = ServerAddress.parse(name);
			if (address.host().isBlank()) {
				throw new IllegalArgumentException("'" + name + "' names no host");
			}
			return address;
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("'" + SCHEME + ":///" + name + "' is not of the form " + SCHEME
					+ ":///host:port, as in dns:///orders.example.com:7070: " + ex.getMessage(), ex);
		}
	}

	/** Gives every address of a host; {@link InetAddress#getAllByName} in production. */
	@FunctionalInterface
	public interface HostResolver {

		/**
		 * Every address of {@code host}, or the address an IP literal stands for.
		 * @throws UnknownHostException when the host has no address or cannot be resolved now
		 */
		InetAddress[] resolve(String host) throws UnknownHostException;

	}

}
