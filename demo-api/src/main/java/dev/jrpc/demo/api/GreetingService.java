package dev.jrpc.demo.api;

import dev.jrpc.Idempotent;

/**
 * Greets people. Exported as {@code dev.jrpc.demo.api.GreetingService}, so its one method is
 * {@code dev.jrpc.demo.api.GreetingService.greet} on the wire.
 */
public interface GreetingService {

	/** A greeting for {@code name}; asking twice is harmless, so it may be retried. */
	@Idempotent
	String greet(String name);

}
