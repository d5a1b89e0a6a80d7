package dev.jrpc.spring.autoconfigure.actuate;

import java.net.InetSocketAddress;
import java.util.List;

import dev.jrpc.RpcClient;
import dev.jrpc.RpcServer;
import dev.jrpc.discovery.Endpoint;
import dev.jrpc.spring.autoconfigure.actuate.RpcDescriptions.ReferenceDescription;
import dev.jrpc.spring.autoconfigure.actuate.RpcDescriptions.ServiceDescription;
import dev.jrpc.spring.context.RpcServerLifecycle;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code rpc} Actuator endpoint ({@code /actuator/rpc}): the exported services with their
 * methods and wire names, where the server listens and what it announces, its connections and
 * calls, and each reference of the client with its endpoints and their state.
 */
@org.springframework.boot.actuate.endpoint.annotation.Endpoint(id = "rpc")
public final class RpcEndpoint {

	private final @Nullable RpcServerLifecycle server;

	private final @Nullable RpcClient client;

	/**
	 * @param server the application's server, or null when it exports nothing
	 * @param client the application's client, or null when it has none
	 */
	public RpcEndpoint(@Nullable RpcServerLifecycle server, @Nullable RpcClient client) {
		this.server = server;
		this.client = client;
	}

	@ReadOperation
	public RpcDescription rpc() {
		return new RpcDescription(server(), client());
	}

	private @Nullable ServerDescription server() {
		if (this.server == null) {
			return null;
		}
		RpcServer built = this.server.builtServer();
		if (built == null) {
			return new ServerDescription(false, null, null, null, 0, 0, 0, 0, List.of());
		}
		InetSocketAddress bound = built.boundAddress();
		Endpoint advertised = built.advertisedEndpoint();
		return new ServerDescription(bound != null,
				(bound != null) ? RpcDescriptions.address(bound.getHostString(), bound.getPort()) : null,
				(advertised != null) ? advertised.address() : null,
				built.registryState().name(), built.openConnections(), built.callsInFlight(), built.callsWaiting(),
				built.callsRefusedBusy(), RpcDescriptions.services(built));
	}

	private @Nullable ClientDescription client() {
		if (this.client == null) {
			return null;
		}
		return new ClientDescription(this.client.openConnections(), this.client.callsInFlight(),
				RpcDescriptions.references(this.client));
	}

	/**
	 * The endpoint's answer.
	 * @param server the server, or null when the application exports nothing
	 * @param client the client, or null when the application has none
	 */
	public record RpcDescription(@Nullable ServerDescription server, @Nullable ClientDescription client)
			implements OperationResponseBody {
	}

	/**
	 * The server.
	 * @param running whether it accepts calls
	 * @param boundAddress where it listens, or null when it is not running
	 * @param advertisedAddress what the registry announces, or null while nothing is registered
	 * @param registry {@code NONE}, {@code REGISTERED} or {@code NOT_REGISTERED}; null before the server is built
	 * @param connections connections open, while it runs or stops
	 * @param callsInFlight calls read and not yet answered, while it runs or stops
	 * @param callsQueued calls waiting for a worker
	 * @param callsRefusedBusy calls refused as busy since it started
	 */
	public record ServerDescription(boolean running, @Nullable String boundAddress, @Nullable String advertisedAddress,
			@Nullable String registry, int connections, int callsInFlight, int callsQueued, long callsRefusedBusy,
			List<ServiceDescription> services) {
	}

	/**
	 * The client.
	 * @param connections connections open to servers
	 * @param callsInFlight attempts sent and not yet answered
	 */
	public record ClientDescription(int connections, int callsInFlight, List<ReferenceDescription> references) {
	}

}
