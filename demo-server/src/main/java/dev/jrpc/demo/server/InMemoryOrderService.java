package dev.jrpc.demo.server;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import dev.jrpc.demo.api.Order;
import dev.jrpc.demo.api.OrderLine;
import dev.jrpc.demo.api.OrderService;
import dev.jrpc.spring.RpcService;

/** A fixed set of orders; an unknown id throws, which the caller sees as a remote exception. */
@RpcService
class InMemoryOrderService implements OrderService {

	private final Map<Long, Order> orders = Map.of(
			1L, new Order(1, "Ada Lovelace",
					List.of(new OrderLine("Notes on the Analytical Engine", 1, new BigDecimal("42.00")),
							new OrderLine("Punched card", 250, new BigDecimal("0.10"))),
					Instant.parse("1843-07-10T09:30:00Z")),
			2L, new Order(2, "Charles Babbage",
					List.of(new OrderLine("Brass gear", 2000, new BigDecimal("1.25"))),
					Instant.parse("1834-01-02T14:00:00Z")),
			3L, new Order(3, "Ada Lovelace",
					List.of(new OrderLine("Bernoulli numbers table", 1, new BigDecimal("12.50"))),
					Instant.parse("1843-09-01T11:15:00Z")));

	@Override
	public Order findOrder(long id) {
		Order order = this.orders.get(id);
		if (order == null) {
			throw new IllegalArgumentException("No order " + id);
		}
		return order;
	}

	@Override
	public List<Order> ordersOf(String customer) {
		return this.orders.values()
			.stream()
			.filter((order) -> order.customer().equals(customer))
			.sorted(Comparator.comparing(Order::placedAt))
			.toList();
	}

}
