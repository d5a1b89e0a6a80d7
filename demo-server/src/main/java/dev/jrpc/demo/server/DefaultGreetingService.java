package dev.jrpc.demo.server;

import dev.jrpc.demo.api.GreetingService;
import dev.jrpc.spring.RpcService;

/** Exported as {@code dev.jrpc.demo.api.GreetingService}, the one interface it implements. */
@RpcService
class DefaultGreetingService implements GreetingService {

	@Override
	public String greet(String name) {
		return "Hello, " + name + "!";
	}

}
