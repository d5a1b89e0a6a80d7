package dev.jrpc.spring.test;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.jrpc.spring.ImportRpcClients;
import dev.jrpc.spring.RpcReference;
import dev.jrpc.spring.RpcService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A test of an application that exports a service and calls it through a client bean and a field
 * reference whose configured address leads nowhere: with the test transport, both call the
 * context's own server in process, over the same JSON-RPC.
 */
@SpringBootTest(properties = "rpc.client.address=192.0.2.1:7070")
@AutoConfigureRpcTestTransport
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RpcTestTransportTests {

	/** By name: the server's own Inventory is a bean too. */
	@Autowired
	@Qualifier("inventoryClient")
	private Inventory inventory;

	@Autowired
	private FieldCaller fieldCaller;

	@LocalRpcServerPort
	private int port;

	@Test
	void clientBeansAndReferencesCallTheServerInProcessWhateverTheirAddress() {
		Inventory.Stock stock = this.inventory.stock("pen");
		assertThat(stock).isEqualTo(new Inventory.Stock("pen", 3, List.of("shelf", "drawer"), LocalDate.of(2026, 12, 3)));
		assertThat(this.fieldCaller.inventory.stock("ink").count()).isEqualTo(3);
	}

	@Test
	void theServerStillHasAFreePortOfItsOwn() {
		assertThat(this.port).isPositive().isNotEqualTo(7070);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@ImportRpcClients(types = Inventory.class)
	@Import({ CountingInventory.class, FieldCaller.class })
	static class Application {

	}

	@RpcService
	static class CountingInventory implements Inventory {

		@Override
		public Stock stock(String item) {
			return new Stock(item, 3, List.of("shelf", "drawer"), LocalDate.of(2026, 12, 3));
		}

	}

	@Component
	static class FieldCaller {

		@RpcReference
		Inventory inventory;

	}

}
