package dev.jrpc.internal.server;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import dev.jrpc.RpcServer;
import dev.jrpc.discovery.Endpoint;
import dev.jrpc.discovery.ServiceRegistration;
import dev.jrpc.discovery.ServiceRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a server tells its registry: each registrable service at the advertised address, once it
 * listens; withdrawn first thing when it stops. Without a registry it does nothing.
 */
public final class ServerAnnouncement {

	private static final Logger logger = LoggerFactory.getLogger(ServerAnnouncement.class);

	private final @Nullable ServiceRegistry registry;

	private final List<MethodTable.ServiceName> services;

	private final @Nullable String advertisedAddress;

	private final String bindHost;

	private final int weight;

	private final List<ServiceRegistry.Registration> registrations = new ArrayList<>();

	/** The endpoint announced while the services are registered; read without the lock, which registry calls may hold long. */
	private volatile @Nullable Endpoint registered;

	public ServerAnnouncement(@Nullable ServiceRegistry registry, List<MethodTable.ServiceName> services,
			@Nullable String advertisedAddress, String bindHost, int weight) {
		this.registry = registry;
		this.services = services;
		this.advertisedAddress = advertisedAddress;
		this.bindHost = bindHost;
		this.weight = weight;
	}

	/** Registers every service at the advertised address; on failure withdraws what it registered and throws. */
	public synchronized void register(int boundPort) {
		if (this.registry == null || this.services.isEmpty()) {
			return;
		}
		Endpoint advertised = advertisedEndpoint(boundPort);
		Endpoint endpoint = new Endpoint(advertised.host(), advertised.port(), this.weight, Map.of());
		Instant startTime = Instant.now();
		try {
			for (MethodTable.ServiceName service : this.services) {
				this.registrations.add(this.registry.register(
						new ServiceRegistration(service.name(), service.version(), endpoint, startTime)));
			}
		}
		catch (RuntimeException ex) {
			deregister();
			throw new IllegalStateException("Could not register the jrpc services with the registry: " + ex.getMessage(),
					ex);
		}
		this.registered = endpoint;
		logger.info("jrpc services registered at {}", endpoint);
	}

	/** Withdraws every registration; a failure is logged, never thrown, so that the stop goes on. */
	public synchronized void deregister() {
		for (ServiceRegistry.Registration registration : this.registrations) {
			try {
				registration.close();
			}
			catch (RuntimeException ex) {
				logger.warn("Could not withdraw a jrpc registration: {}", ex.toString());
			}
		}
		this.registrations.clear();
		this.registered = null;
	}

	/** Whether the services are announced now. */
	public RpcServer.RegistryState state() {
		if (this.registry == null) {
			return RpcServer.RegistryState.NONE;
		}
		return (this.registered != null) ? RpcServer.RegistryState.REGISTERED : RpcServer.RegistryState.NOT_REGISTERED;
	}

	/** The endpoint the registry announces, or null while nothing is registered. */
	public @Nullable Endpoint registeredEndpoint() {
		return this.registered;
	}

	/**
	 * Checks an advertised address, {@code host} or {@code host:port} (an IPv6 host in brackets).
	 * @throws IllegalArgumentException naming the property and the expected form
	 */
	public static void checkAdvertisedAddress(String address) {
		parseAdvertised(address, 1);
	}

	/** The endpoint registered: the advertised {@code host[:port]}, by default a specific bind host or this host's address. */
	Endpoint advertisedEndpoint(int boundPort) {
		if (this.advertisedAddress != null) {
			return parseAdvertised(this.advertisedAddress, boundPort);
		}
		String host = isWildcard(this.bindHost) ? firstNonLoopbackAddress() : this.bindHost;
		return new Endpoint(host, boundPort, this.weight, Map.of());
	}

	private static Endpoint parseAdvertised(String advertised, int boundPort) {
		String address = advertised.strip();
		String host = address;
		int port = boundPort;
		int colon = address.lastIndexOf(':');
		boolean hasPort = colon > 0
				&& (address.startsWith("[") ? address.charAt(colon - 1) == ']' : address.indexOf(':') == colon);
		try {
			if (hasPort) {
				host = address.substring(0, colon);
				port = Integer.parseInt(address.substring(colon + 1));
			}
			if (host.startsWith("[") && host.endsWith("]")) {
				host = host.substring(1, host.length() - 1);
			}
			return new Endpoint(host, port, Endpoint.DEFAULT_WEIGHT, Map.of());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Advertised address '" + advertised
					+ "' (rpc.server.advertised-address) is not host or host:port, as 10.0.0.7 or 10.0.0.7:7070", ex);
		}
	}

	private static boolean isWildcard(String host) {
		try {
			return InetAddress.getByName(host).isAnyLocalAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	private static String firstNonLoopbackAddress() {
		try {
			List<InetAddress> candidates = new ArrayList<>();
			for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
				if (network.isUp() && !network.isLoopback()) {
					for (InetAddress address : Collections.list(network.getInetAddresses())) {
						if (!address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
							candidates.add(address);
						}
					}
				}
			}
			// IPv4 first: the more likely to be reachable from other hosts.
			candidates.sort((a, b) -> Boolean.compare(a instanceof Inet6Address, b instanceof Inet6Address));
			if (!candidates.isEmpty()) {
				return candidates.get(0).getHostAddress();
			}
			return InetAddress.getLocalHost().getHostAddress();
		}
		catch (SocketException | UnknownHostException ex) {
			throw new IllegalStateException("Cannot find this host's address to register; set rpc.server.advertised-address",
					ex);
		}
	}

}
