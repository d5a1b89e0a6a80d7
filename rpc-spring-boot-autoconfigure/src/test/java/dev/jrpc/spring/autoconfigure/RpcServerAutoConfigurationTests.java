package dev.jrpc.spring.autoconfigure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.jrpc.RpcClient;
import dev.jrpc.RpcErrorCodes;
import dev.jrpc.RpcServer;
import dev.jrpc.spring.context.RpcServerLifecycle;
import dev.jrpc.spring.fixtures.Calculator;
import dev.jrpc.spring.fixtures.Clock;
import dev.jrpc.spring.fixtures.DefaultCalculator;
import dev.jrpc.spring.fixtures.NamedInterfaceService;
import dev.jrpc.spring.fixtures.NoInterfaceService;
import dev.jrpc.spring.fixtures.TwoInterfaceService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RpcServerAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RpcServerAutoConfiguration.class, RpcClientAutoConfiguration.class))
		.withPropertyValues("rpc.server.port=0", "rpc.server.address=127.0.0.1");

	@Test
	void startsTheServerAndPublishesItsPortWhenTheContextHoldsAnRpcService() {
		this.runner.withBean(DefaultCalculator.class).run((context) -> {
			assertThat(context).hasSingleBean(RpcServerLifecycle.class);
			RpcServerLifecycle lifecycle = context.getBean(RpcServerLifecycle.class);
			assertThat(lifecycle.isRunning()).isTrue();
			int port = context.getEnvironment().getProperty(RpcServerLifecycle.PORT_PROPERTY, Integer.class);
			assertThat(port).isPositive().isEqualTo(lifecycle.server().port());
			assertThat(lifecycle.server().services()).containsExactly(Calculator.class.getName());
			try (RpcClient client = RpcClient.builder().build()) {
				assertThat(client.create(Calculator.class, "127.0.0.1:" + port).add(2, 40)).isEqualTo(42);
			}
		});
	}

	@Test
	void opensNoPortWhenTheContextHoldsNoRpcService() {
		this.runner.run((context) -> {
			assertThat(context).doesNotHaveBean(RpcServerLifecycle.class);
			assertThat(context.getEnvironment().getProperty(RpcServerLifecycle.PORT_PROPERTY)).isNull();
		});
	}

	@Test
	void opensNoPortWhenTheServerIsDisabled() {
		this.runner.withBean(DefaultCalculator.class).withPropertyValues("rpc.server.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(RpcServerLifecycle.class);
			assertThat(context).hasSingleBean(DefaultCalculator.class);
		});
	}

	@Test
	void backsOffWithoutJrpcOnTheClassPath() {
		this.runner.withBean(DefaultCalculator.class)
			.withClassLoader(new FilteredClassLoader(RpcServer.class, RpcClient.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RpcServerLifecycle.class));
	}

	@Test
	void failsToStartWhenAServiceImplementsTwoInterfacesAndNamesNone() {
		this.runner.withBean(TwoInterfaceService.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure())
				.hasStackTraceContaining(TwoInterfaceService.class.getName())
				.hasStackTraceContaining(Calculator.class.getName())
				.hasStackTraceContaining(Clock.class.getName())
				.hasStackTraceContaining("interfaceClass");
		});
	}

	@Test
	void failsToStartWhenAServiceImplementsNoInterface() {
		this.runner.withBean(NoInterfaceService.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure())
				.hasStackTraceContaining(NoInterfaceService.class.getName())
				.hasStackTraceContaining("implements no interface");
		});
	}

	@Test
	void exportsTheNamedInterfaceUnderItsNameAndVersion() {
		this.runner.withBean(NamedInterfaceService.class).run((context) -> {
			RpcServerLifecycle lifecycle = context.getBean(RpcServerLifecycle.class);
			assertThat(lifecycle.server().services()).containsExactly("clock:2");
			try (RpcClient client = RpcClient.builder().build()) {
				Clock clock = client.proxy(Clock.class)
					.name("clock")
					.version("2")
					.address("127.0.0.1:" + lifecycle.server().port())
					.build();
				assertThat(clock.now()).isEqualTo(42);
			}
		});
	}

	@Test
	void appliesServerCustomizers() {
		AtomicBoolean customized = new AtomicBoolean();
		this.runner.withBean(DefaultCalculator.class)
			.withBean(RpcServerCustomizer.class,
					() -> (builder) -> builder.bootstrapCustomizer((bootstrap) -> customized.set(true)))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(customized).isTrue();
			});
	}

	@Test
	void appliesJsonMapperCustomizersToTheServerAndTheClientMappers() {
		AtomicInteger customized = new AtomicInteger();
		this.runner.withBean(DefaultCalculator.class)
			.withBean(RpcJsonMapperCustomizer.class, () -> (builder) -> customized.incrementAndGet())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				context.getBean(RpcClient.class);
				assertThat(customized).hasValue(2);
			});
	}

	@Test
	void rejectsAFrameLimitOf16MegabytesOrMoreNamingTheProperty() {
		this.runner.withBean(DefaultCalculator.class).withPropertyValues("rpc.server.max-frame-size=16MB").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("rpc.server.max-frame-size");
		});
	}

	@Test
	void stopsTheServerWhenTheContextCloses() {
		this.runner.withBean(DefaultCalculator.class).run((context) -> {
			RpcServerLifecycle lifecycle = context.getBean(RpcServerLifecycle.class);
			context.close();
			assertThat(lifecycle.isRunning()).isFalse();
		});
	}

	@Test
	void propertyDefaultsMatchTheEngineDefaults() {
		RpcProperties properties = new RpcProperties();
		assertThat(properties.getServer().getPort()).isEqualTo(RpcServer.DEFAULT_PORT).isNotIn(8080, 9090);
		assertThat(properties.getServer().getMaxFrameSize().toBytes()).isEqualTo(RpcServer.DEFAULT_MAX_FRAME_SIZE);
		assertThat(properties.getServer().getMaxBatchSize()).isEqualTo(RpcServer.DEFAULT_MAX_BATCH_SIZE);
		assertThat(properties.getServer().getShutdownGracePeriod()).isEqualTo(RpcServer.DEFAULT_SHUTDOWN_GRACE_PERIOD);
		assertThat(properties.getServer().getWorkerThreads()).isEqualTo(RpcServer.DEFAULT_WORKER_THREADS);
		assertThat(properties.getServer().getQueueCapacity()).isEqualTo(RpcServer.DEFAULT_QUEUE_CAPACITY);
		assertThat(properties.getClient().getTimeout()).isEqualTo(RpcClient.DEFAULT_TIMEOUT);
		assertThat(properties.getClient().getConnectTimeout()).isEqualTo(RpcClient.DEFAULT_CONNECT_TIMEOUT);
		assertThat(properties.getClient().getMaxFrameSize().toBytes()).isEqualTo(RpcServer.DEFAULT_MAX_FRAME_SIZE);
		assertThat(properties.getServer().getWeight()).isEqualTo(dev.jrpc.discovery.Endpoint.DEFAULT_WEIGHT);
		assertThat(properties.getClient().getKeepaliveInterval()).isEqualTo(RpcClient.DEFAULT_KEEPALIVE_INTERVAL);
		assertThat(properties.getClient().getKeepaliveTimeout()).isEqualTo(RpcClient.DEFAULT_KEEPALIVE_TIMEOUT);
		assertThat(properties.getClient().getRetry().getMaxAttempts()).isEqualTo(RpcClient.DEFAULT_MAX_ATTEMPTS);
		assertThat(properties.getClient().getLoadBalancer()).isEqualTo(dev.jrpc.LoadBalancing.ROUND_ROBIN);
		assertThat(properties.getClient().getRetry().getBudget().getMaxTokens())
			.isEqualTo(RpcClient.DEFAULT_RETRY_BUDGET_TOKENS);
		assertThat(properties.getClient().getRetry().getBudget().getTokenRatio())
			.isEqualTo(RpcClient.DEFAULT_RETRY_BUDGET_TOKEN_RATIO);
		assertThat(properties.getClient().getConnectBackoff().getInitialDelay()).isEqualTo(RpcClient.DEFAULT_BACKOFF_INITIAL);
		assertThat(properties.getClient().getConnectBackoff().getMultiplier()).isEqualTo(RpcClient.DEFAULT_BACKOFF_MULTIPLIER);
		assertThat(properties.getClient().getConnectBackoff().getMaxDelay()).isEqualTo(RpcClient.DEFAULT_BACKOFF_MAX);
		assertThat(properties.getClient().getConnectBackoff().getJitter()).isEqualTo(RpcClient.DEFAULT_BACKOFF_JITTER);
		assertThat(properties.getClient().getOutlierEjection().getConsecutiveTimeouts())
			.isEqualTo(RpcClient.DEFAULT_EJECTION_TIMEOUTS);
		assertThat(properties.getClient().getOutlierEjection().getEjectionTime()).isEqualTo(RpcClient.DEFAULT_EJECTION_TIME);
		assertThat(properties.getClient().getDnsRefreshInterval())
			.isEqualTo(dev.jrpc.internal.discovery.DnsEndpointDiscovery.DEFAULT_REFRESH_INTERVAL);
	}


	@Test
	void answersRpcDiscoverTitledAfterTheApplicationUnlessTurnedOff() {
		this.runner.withBean(DefaultCalculator.class).withPropertyValues("spring.application.name=calculators")
			.run((context) -> {
				JsonNode answer = discover(context.getEnvironment().getProperty(RpcServerLifecycle.PORT_PROPERTY, Integer.class));
				assertThat(answer.get("result").get("info").get("title").asString()).isEqualTo("calculators");
				assertThat(answer.get("result").get("methods")).extracting((method) -> method.get("name").asString())
					.contains(Calculator.class.getName() + ".add");
			});
		this.runner.withBean(DefaultCalculator.class).withPropertyValues("rpc.server.discover.enabled=false")
			.run((context) -> assertThat(discover(context.getEnvironment()
				.getProperty(RpcServerLifecycle.PORT_PROPERTY, Integer.class)).get("error").get("code").asInt())
				.isEqualTo(RpcErrorCodes.METHOD_NOT_FOUND));
	}

	private static JsonNode discover(int port) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"rpc.discover\"}\n".getBytes(StandardCharsets.UTF_8));
			BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			return JsonMapper.builder().build().readTree(in.readLine());
		}
	}

}
