package dev.jrpc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.jrpc.RpcClient.EndpointState;
import dev.jrpc.RpcClient.Reference;
import dev.jrpc.RpcServer.ExportedMethod;
import dev.jrpc.RpcServer.RegistryState;
import dev.jrpc.discovery.ServiceRegistration;
import dev.jrpc.discovery.ServiceRegistry;
import dev.jrpc.testing.DefaultGreeter;
import dev.jrpc.testing.Greeter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a server and a client tell of themselves: the read-only views that health checks and the Actuator endpoint show. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StatusViewTests {

	@Test
	void aServerListsItsServicesWithTheirWireNamesAndItsAddressOnlyWhileItRuns() {
		RpcServer server = RpcServer.builder()
			.address("127.0.0.1")
			.port(0)
			.addService(Greeter.class, new DefaultGreeter(), "greeter", "2")
			.build();
		assertThat(server.boundAddress()).isNull();
		assertThat(server.exportedServices()).singleElement().satisfies((service) -> {
			assertThat(service.name()).isEqualTo("greeter");
			assertThat(service.version()).isEqualTo("2");
			assertThat(service.type()).isEqualTo(Greeter.class);
			assertThat(service.methods()).extracting(ExportedMethod::wireName).contains("greeter:2.greet", "greeter:2.add");
			assertThat(service.methods()).filteredOn((method) -> method.wireName().equals("greeter:2.greet"))
				.singleElement()
				.satisfies((method) -> assertThat(method.method().getName()).isEqualTo("greet"));
		});
		assertThat(server.registryState()).isEqualTo(RegistryState.NONE);
		assertThat(server.advertisedEndpoint()).isNull();

		server.start();
		try {
			InetSocketAddress bound = server.boundAddress();
			assertThat(bound).isNotNull();
			assertThat(bound.getPort()).isEqualTo(server.port());
			assertThat(bound.getAddress().isLoopbackAddress()).isTrue();
		}
		finally {
			server.stop();
		}
		assertThat(server.boundAddress()).isNull();
	}

	@Test
	void aServerWithARegistryTellsWhetherItsServicesAreAnnouncedAndWhere() {
		List<ServiceRegistration> announced = new CopyOnWriteArrayList<>();
		ServiceRegistry registry = (registration) -> {
			announced.add(registration);
			return () -> announced.remove(registration);
		};
		RpcServer server = RpcServer.builder()
			.address("127.0.0.1")
			.port(0)
			.registry(registry)
			.advertisedAddress("10.0.0.7")
			.addService(Greeter.class, new DefaultGreeter())
			.build();
		assertThat(server.registryState()).isEqualTo(RegistryState.NOT_REGISTERED);

		server.start();
		try {
			assertThat(server.registryState()).isEqualTo(RegistryState.REGISTERED);
			assertThat(server.advertisedEndpoint()).isNotNull().satisfies((endpoint) -> {
				assertThat(endpoint.host()).isEqualTo("10.0.0.7");
				assertThat(endpoint.port()).isEqualTo(server.port());
			});
			assertThat(announced).hasSize(1);
		}
		finally {
			server.stop();
		}
		assertThat(server.registryState()).isEqualTo(RegistryState.NOT_REGISTERED);
		assertThat(server.advertisedEndpoint()).isNull();
		assertThat(announced).isEmpty();
	}

	@Test
	void aClientShowsEachInterfaceItCallsOnceWithItsEndpointsConnectedOrNot() {
		RpcServer server = RpcServer.builder().address("127.0.0.1").port(0).addService(Greeter.class, new DefaultGreeter()).build();
		server.start();
		try (RpcClient client = RpcClient.builder().build()) {
			String address = "127.0.0.1:" + server.port();
			Greeter first = client.create(Greeter.class, address);
			client.create(Greeter.class, address);
			assertThat(client.references()).singleElement().satisfies((reference) -> {
				assertThat(reference.type()).isEqualTo(Greeter.class);
				assertThat(reference.target()).isEqualTo(address);
				assertThat(reference.endpoints()).singleElement()
					.satisfies((endpoint) -> assertThat(endpoint.state()).isEqualTo(EndpointState.IDLE));
				assertThat(reference.isAvailable()).isTrue();
			});

			assertThat(first.greet("Ada")).isEqualTo("Hello, Ada");
			Reference reference = client.references().get(0);
			assertThat(reference.endpoints()).singleElement().satisfies((endpoint) -> {
				assertThat(endpoint.host()).isEqualTo("127.0.0.1");
				assertThat(endpoint.port()).isEqualTo(server.port());
				assertThat(endpoint.state()).isEqualTo(EndpointState.CONNECTED);
				assertThat(endpoint.lastFailure()).isNull();
			});
		}
		finally {
			server.stop();
		}
	}

	@Test
	void anEndpointThatRefusesConnectionsIsShownUnreachableWithTheReason() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		try (RpcClient client = RpcClient.builder().build()) {
			Greeter nowhere = client.proxy(Greeter.class).address("127.0.0.1:" + closedPort).maxAttempts(1).build();
			assertThatThrownBy(() -> nowhere.greet("Ada")).isInstanceOf(RpcConnectionException.class);

			Reference reference = client.references().get(0);
			assertThat(reference.isAvailable()).isFalse();
			assertThat(reference.endpoints()).singleElement().satisfies((endpoint) -> {
				assertThat(endpoint.state()).isEqualTo(EndpointState.UNREACHABLE);
				assertThat(endpoint.lastFailure()).isNotBlank();
			});
		}
	}

}
