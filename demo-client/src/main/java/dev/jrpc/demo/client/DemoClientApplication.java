package dev.jrpc.demo.client;

import dev.jrpc.demo.api.GreetingService;
import dev.jrpc.demo.api.OrderService;
import dev.jrpc.demo.api.ServerInfoService;
import dev.jrpc.spring.ImportRpcClients;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The demo client: makes a few calls to the demo server at {@code rpc.client.address}
 * ({@code 127.0.0.1:7070} unless {@code DEMO_SERVER_ADDRESS} or {@code --rpc.client.address} says
 * otherwise), prints what it got, and exits: 0 when every call behaved as expected, 1 otherwise.
 */
@SpringBootApplication
@ImportRpcClients(types = { GreetingService.class, OrderService.class, ServerInfoService.class })
public class DemoClientApplication {

	public static void main(String[] args) {
		System.exit(SpringApplication.exit(SpringApplication.run(DemoClientApplication.class, args)));
	}

}
