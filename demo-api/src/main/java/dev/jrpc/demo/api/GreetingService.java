package dev.jrpc.demo.api;

/**
 * Greets people. Exported as {@code dev.jrpc.demo.api.GreetingService}, so its one method is
 * {@code dev.jrpc.demo.api.GreetingService.greet} on the wire.
 */
public interface GreetingService {

	/** A greeting for {@code name}. */
	String greet(String name);

}
