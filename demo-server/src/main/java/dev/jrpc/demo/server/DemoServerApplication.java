package dev.jrpc.demo.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The demo server: exports every {@code @RpcService} of this package on {@code rpc.server.port}
 * (7070 unless told otherwise) and runs until it is stopped, since jrpc's server threads keep the
 * JVM alive. Try it with {@code --rpc.server.port=7071} to choose another port.
 */
@SpringBootApplication
public class DemoServerApplication {

	public static void main(String[] args) {
		SpringApplication.run(DemoServerApplication.class, args);
	}

}
