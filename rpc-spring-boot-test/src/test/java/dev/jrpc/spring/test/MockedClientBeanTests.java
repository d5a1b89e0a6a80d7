package dev.jrpc.spring.test;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.jrpc.spring.ImportRpcClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

/** A client bean is replaced by a Mockito mock as any bean is: no server, no address needed. */
@SpringBootTest
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MockedClientBeanTests {

	@MockitoBean
	private Inventory inventory;

	@Autowired
	private Shop shop;

	@Test
	void theComponentGetsTheMock() {
		given(this.inventory.stock("pen"))
			.willReturn(new Inventory.Stock("pen", 0, List.of(), LocalDate.of(2026, 12, 3)));
		assertThat(this.shop.inStock("pen")).isFalse();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@ImportRpcClients(types = Inventory.class)
	@Import(Shop.class)
	static class Application {

	}

	@Component
	static class Shop {

		private final Inventory inventory;

		Shop(Inventory inventory) {
			this.inventory = inventory;
		}

		boolean inStock(String item) {
			return this.inventory.stock(item).count() > 0;
		}

	}

}
