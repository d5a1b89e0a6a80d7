package dev.jrpc.benchmark.springhttp;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * Serves the scenario with Spring MVC ({@link ScenarioController}) on Spring Boot's default
 * embedded Tomcat, on 127.0.0.1 and the port given as the only argument, until the JVM is stopped.
 * Every other setting is Boot's default: Tomcat's thread pool (200 threads at most), HTTP/1.1 with
 * keep-alive (Tomcat closes a connection after 100 requests), and Boot's auto-configured Jackson
 * for JSON. Tomcat needs no raised limit for the 256 KiB echo: its {@code maxPostSize} (2 MB)
 * applies only to form parameters, and a JSON body is read from the stream without a cap.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(ScenarioController.class)
public class SpringHttpServerMain {

	public static void main(String[] args) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SpringHttpServerMain.class)
			.bannerMode(Banner.Mode.OFF)
			// Warnings only, as the other servers log: the log goes to rpc-benchmark/target/results.
			.properties("server.address=127.0.0.1", "server.port=" + Integer.parseInt(args[0]),
					"logging.level.root=warn")
			.run(args);
		System.out.println("Spring MVC server listening on 127.0.0.1:"
				+ context.getEnvironment().getProperty("local.server.port"));
	}

}
