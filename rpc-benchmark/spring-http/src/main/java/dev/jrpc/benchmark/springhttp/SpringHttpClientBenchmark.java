package dev.jrpc.benchmark.springhttp;

import dev.jrpc.benchmark.scenario.Page;
import dev.jrpc.benchmark.scenario.ScenarioClient;
import dev.jrpc.benchmark.scenario.User;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * The scenario called through Spring Framework's HTTP service client: {@link UserHttpService} and
 * {@link EchoHttpService} implemented by one {@link HttpServiceProxyFactory} over one
 * {@link RestClient}. The client is built from the {@code RestClient.Builder} that Spring Boot
 * auto-configures in a small non-web application started in setup, so that it has Boot's defaults:
 * Boot's Jackson for JSON, and the request factory Boot detects, here the JDK's
 * {@code java.net.http.HttpClient} ({@code JdkClientHttpRequestFactory}), the only HTTP client on
 * the classpath. That client keeps HTTP/1.1 connections alive and reuses them, but an HTTP/1.1
 * connection carries one call at a time, so at 32 threads it holds up to 32 connections where the
 * other systems share one.
 */
@State(Scope.Benchmark)
public class SpringHttpClientBenchmark {

	@Param("7105")
	private int port;

	private ConfigurableApplicationContext context;

	private ScenarioClient scenario;

	@Setup
	public void connect() {
		this.context = new SpringApplicationBuilder(ClientApplication.class).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			// Warnings only: anything else would land in the middle of JMH's output.
			.properties("logging.level.root=warn")
			.run();
		RestClient restClient = this.context.getBean(RestClient.Builder.class)
			.baseUrl("http://127.0.0.1:" + this.port)
			.build();
		HttpServiceProxyFactory proxies = HttpServiceProxyFactory.builderFor(RestClientAdapter.create(restClient))
			.build();
		this.scenario = new ScenarioClient(new SpringHttpUserServiceClient(proxies.createClient(UserHttpService.class)),
				new SpringHttpEchoServiceClient(proxies.createClient(EchoHttpService.class)));
		this.scenario.verify();
	}

	@TearDown
	public void close() {
		this.context.close();
	}

	@Benchmark
	public boolean existUser() {
		return this.scenario.existUser();
	}

	@Benchmark
	public boolean createUser() {
		return this.scenario.createUser();
	}

	@Benchmark
	public User getUser() {
		return this.scenario.getUser();
	}

	@Benchmark
	public Page<User> listUser() {
		return this.scenario.listUser();
	}

	@Benchmark
	public String echoShort() {
		return this.scenario.echoShort();
	}

	@Benchmark
	public String echoLarge() {
		return this.scenario.echoLarge();
	}

	@Benchmark
	public String echo1Kib() {
		return this.scenario.echo1Kib();
	}

	@Benchmark
	public String echo16Kib() {
		return this.scenario.echo16Kib();
	}

	@Benchmark
	public String echo4Mib() {
		return this.scenario.echo4Mib();
	}

	@Benchmark
	public byte[] echoBytes1Mib() {
		return this.scenario.echoBytes1Mib();
	}

	/** The client's application: Boot's auto-configuration only, for its {@code RestClient.Builder}. */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ClientApplication {

	}

}
