package dev.jrpc.demo.api;

import java.util.List;

/** Looks up orders. Exported as {@code dev.jrpc.demo.api.OrderService}. */
public interface OrderService {

	/**
	 * The order with this id.
	 * @throws IllegalArgumentException when there is no such order
	 */
	Order findOrder(long id);

	/** The orders of {@code customer}, oldest first; empty when there are none. */
	List<Order> ordersOf(String customer);

}
