package dev.jrpc.internal.client;

import java.util.ArrayList;
import java.util.List;

/**
 * A server's {@code host:port}, parsed from configuration; IPv6 literals are written in brackets,
 * as in {@code [::1]:7070}.
 */
public record ServerAddress(String host, int port) {

	/**
	 * Parses a comma-separated list of {@code host:port}.
	 * @throws IllegalArgumentException naming the entry that is not of that form
	 */
	public static List<ServerAddress> parseList(String addresses) {
		List<ServerAddress> result = new ArrayList<>();
		for (String entry : addresses.split(",")) {
			if (!entry.isBlank()) {
				result.add(parse(entry.strip()));
			}
		}
		if (result.isEmpty()) {
			throw new IllegalArgumentException("No address in '" + addresses + "'; expected host:port[,host:port...]");
		}
		return List.copyOf(result);
	}

	/** Parses one {@code host:port}. */
	public static ServerAddress parse(String address) {
		int colon = address.lastIndexOf(':');
		if (colon <= 0 || colon == address.length() - 1) {
			throw new IllegalArgumentException("'" + address + "' is not of the form host:port");
		}
		String host = address.substring(0, colon);
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		else if (host.indexOf(':') >= 0) {
			throw new IllegalArgumentException("'" + address + "' has an IPv6 host: write it in brackets, as [::1]:7070");
		}
		int port;
		try {
			port = Integer.parseInt(address.substring(colon + 1));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("'" + address + "' does not end in a port number");
		}
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("'" + address + "' has port " + port + ", outside 1 to 65535");
		}
		return new ServerAddress(host, port);
	}

	@Override
	public String toString() {
		return (this.host.indexOf(':') >= 0) ? '[' + this.host + "]:" + this.port : this.host + ':' + this.port;
	}

}
