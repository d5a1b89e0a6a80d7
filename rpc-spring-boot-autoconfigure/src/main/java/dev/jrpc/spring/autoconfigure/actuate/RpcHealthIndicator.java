package dev.jrpc.spring.autoconfigure.actuate;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.jrpc.RpcClient;
import dev.jrpc.RpcServer;
import dev.jrpc.spring.autoconfigure.actuate.RpcDescriptions.ReferenceDescription;
import dev.jrpc.spring.context.RpcServerLifecycle;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code rpc} health component: UP while the server accepts calls, DOWN while it does not
 * (before it starts, and from the moment it begins to stop). Each reference is shown with its
 * endpoints; one without an available endpoint is DOWN in the details but leaves the component's
 * status alone unless {@code rpc.client.health.references-required} is set, because a caller
 * that cannot reach one downstream service can usually still do its other work, and a restart
 * would not bring that service back.
 */
public final class RpcHealthIndicator implements HealthIndicator {

	private final @Nullable RpcServerLifecycle server;

	private final @Nullable RpcClient client;

	private final boolean referencesRequired;

	/**
	 * @param server the application's server, or null when it exports nothing
	 * @param client the application's client, or null when it has none
	 * @param referencesRequired whether a reference without an available endpoint makes it DOWN
	 */
	public RpcHealthIndicator(@Nullable RpcServerLifecycle server, @Nullable RpcClient client,
			boolean referencesRequired) {
		this.server = server;
		this.client = client;
		this.referencesRequired = referencesRequired;
	}

	@Override
	public Health health() {
		boolean up = true;
		Map<String, Object> details = new LinkedHashMap<>();
		if (this.server != null) {
			RpcServer built = this.server.builtServer();
			InetSocketAddress bound = (built != null) ? built.boundAddress() : null;
			Map<String, Object> server = new LinkedHashMap<>();
			server.put("status", (bound != null) ? "UP" : "DOWN");
			if (bound != null) {
				server.put("address", RpcDescriptions.address(bound.getHostString(), bound.getPort()));
			}
			details.put("server", server);
			up = bound != null;
		}
		if (this.client != null) {
			List<ReferenceDescription> references = RpcDescriptions.references(this.client);
			details.put("references", references);
			if (this.referencesRequired && references.stream().anyMatch((reference) -> reference.status().equals("DOWN"))) {
				up = false;
			}
		}
		return (up ? Health.up() : Health.down()).withDetails(details).build();
	}

}
