package dev.jrpc;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import brave.Tracing;
import brave.context.slf4j.MDCScopeDecorator;
import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.ThreadLocalCurrentTraceContext;
import brave.propagation.TraceContext;
import dev.jrpc.testing.DefaultGreeter;
import dev.jrpc.testing.Greeter;
import dev.jrpc.testing.RawClient;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BravePropagator;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.brave.bridge.W3CPropagation;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Micrometer observations of calls on both sides: names and keys exactly as documented, stopped
 * before the caller gets the result and before the server writes it, and with a tracer, one trace
 * across two hops carried in meta.traceparent, continued from a caller that sends its own.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ObservationTests {

	private static final Set<String> KEYS = Set.of("rpc.system.name", "rpc.method", "rpc.status_code", "error.type",
			"server.address", "server.port");

	private final List<AutoCloseable> closing = new CopyOnWriteArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (int i = this.closing.size() - 1; i >= 0; i--) {
			this.closing.get(i).close();
		}
	}

	private RpcServer server(ObservationRegistry registry, Greeter service) {
		RpcServer server = RpcServer.builder().address("127.0.0.1").port(0).observationRegistry(registry)
			.addService(Greeter.class, service)
			.build();
		server.start();
		this.closing.add(server::stop);
		return server;
	}

	private Greeter client(ObservationRegistry registry, RpcServer server) {
		RpcClient client = RpcClient.builder().observationRegistry(registry).build();
		this.closing.add(client);
		return client.create(Greeter.class, "127.0.0.1:" + server.port());
	}

	@Test
	void bothSidesRecordTheirCallWithTheDocumentedNameAndKeysBeforeTheCallerHasTheResult() {
		TestObservationRegistry serverSide = TestObservationRegistry.create();
		TestObservationRegistry clientSide = TestObservationRegistry.create();
		List<Observation.Context> served = stopped(serverSide);
		List<Observation.Context> called = stopped(clientSide);
		RpcServer server = server(serverSide, new DefaultGreeter());
		Greeter greeter = client(clientSide, server);

		assertThat(greeter.greet("Ada")).isEqualTo("Hello, Ada");

		// No waiting: both observations ended before the result reached the caller.
		TestObservationRegistryAssert.assertThat(clientSide)
			.hasSingleObservationThat()
			.hasNameEqualTo("rpc.client.call.duration")
			.hasContextualNameEqualTo(Greeter.class.getName() + "/greet")
			.hasBeenStarted()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("rpc.system.name", "jsonrpc")
			.hasLowCardinalityKeyValue("rpc.method", Greeter.class.getName() + "/greet")
			.hasLowCardinalityKeyValue("rpc.status_code", "0")
			.hasLowCardinalityKeyValue("error.type", "none")
			.hasLowCardinalityKeyValue("server.address", "127.0.0.1")
			.hasLowCardinalityKeyValue("server.port", Integer.toString(server.port()));
		TestObservationRegistryAssert.assertThat(serverSide)
			.hasSingleObservationThat()
			.hasNameEqualTo("rpc.server.call.duration")
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("rpc.system.name", "jsonrpc")
			.hasLowCardinalityKeyValue("rpc.method", Greeter.class.getName() + "/greet")
			.hasLowCardinalityKeyValue("rpc.status_code", "0")
			.hasLowCardinalityKeyValue("error.type", "none")
			.hasLowCardinalityKeyValue("server.address", "127.0.0.1")
			.hasLowCardinalityKeyValue("server.port", Integer.toString(server.port()));
		assertThat(called).singleElement().satisfies((context) -> assertThat(keys(context)).isEqualTo(KEYS));
		assertThat(served).singleElement().satisfies((context) -> assertThat(keys(context)).isEqualTo(KEYS));
	}

	/** The contexts of the observations {@code registry} stops, as they stop. */
	private static List<Observation.Context> stopped(ObservationRegistry registry) {
		List<Observation.Context> contexts = new CopyOnWriteArrayList<>();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {
			@Override
			public void onStop(Observation.Context context) {
				contexts.add(context);
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}
		});
		return contexts;
	}

	private static Set<String> keys(Observation.Context context) {
		return context.getLowCardinalityKeyValues().stream().map(KeyValue::getKey).collect(Collectors.toSet());
	}

	@Test
	void aServiceExceptionIsRecordedWithItsCodeAndTypeOnBothSides() {
		TestObservationRegistry serverSide = TestObservationRegistry.create();
		TestObservationRegistry clientSide = TestObservationRegistry.create();
		Greeter greeter = client(clientSide, server(serverSide, new DefaultGreeter()));

		assertThatIllegalStateException().isThrownBy(() -> greeter.fail("no"));

		TestObservationRegistryAssert.assertThat(serverSide)
			.hasSingleObservationThat()
			.hasLowCardinalityKeyValue("rpc.status_code", "-32000")
			.hasLowCardinalityKeyValue("error.type", IllegalStateException.class.getName())
			.assertThatError()
			.isInstanceOf(IllegalStateException.class);
		TestObservationRegistryAssert.assertThat(clientSide)
			.hasSingleObservationThat()
			.hasLowCardinalityKeyValue("rpc.status_code", "-32000")
			.hasLowCardinalityKeyValue("error.type", IllegalStateException.class.getName());
	}

	@Test
	void unknownMethodsAreCountedUnderOneValueNeverAsTheNameSent() {
		TestObservationRegistry serverSide = TestObservationRegistry.create();
		List<Observation.Context> served = stopped(serverSide);
		RpcServer server = server(serverSide, new DefaultGreeter());
		try (RawClient raw = RawClient.connect(server.port())) {
			for (String name : List.of("no.Such.method", "another.Made.up")) {
				raw.sendFrame(RawClient.request(1, name, "[]"));
				assertThat(raw.readFrame().get("error").get("code").asInt()).isEqualTo(RpcErrorCodes.METHOD_NOT_FOUND);
			}
		}
		assertThat(served).hasSize(2).allSatisfy((context) -> {
			assertThat(context.getLowCardinalityKeyValue("rpc.method").getValue()).isEqualTo("unknown");
			assertThat(context.getLowCardinalityKeyValue("rpc.status_code").getValue()).isEqualTo("-32601");
		});
	}

	@Test
	void callsFilteredOutByAPredicateOrFailedByAHandlerAreStillAnswered() {
		ObservationRegistry filtered = ObservationRegistry.create();
		filtered.observationConfig().observationPredicate((name, context) -> false);
		ObservationRegistry failing = ObservationRegistry.create();
		failing.observationConfig().observationHandler(new ObservationHandler<>() {
			@Override
			public void onStop(Observation.Context context) {
				throw new IllegalStateException("a broken handler");
			}

			@Override
			public void onScopeClosed(Observation.Context context) {
				throw new IllegalStateException("a broken handler");
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}
		});
		for (ObservationRegistry registry : List.of(filtered, failing)) {
			RpcServer server = server(registry, new DefaultGreeter());
			assertThat(client(registry, server).greet("Ada")).isEqualTo("Hello, Ada");
			try (RawClient raw = RawClient.connect(server.port())) {
				raw.sendFrame(RawClient.request(1, "no.Such.method", "[]"));
				assertThat(raw.readFrame().get("error").get("code").asInt()).isEqualTo(RpcErrorCodes.METHOD_NOT_FOUND);
			}
		}
	}

	@Test
	void aTimeoutIsRecordedOnTheClientWithTheExceptionTheCallerGets() {
		TestObservationRegistry clientSide = TestObservationRegistry.create();
		RpcServer server = server(ObservationRegistry.NOOP, new DefaultGreeter());
		RpcClient client = RpcClient.builder().observationRegistry(clientSide).timeout(java.time.Duration.ofMillis(200))
			.build();
		this.closing.add(client);
		Greeter greeter = client.create(Greeter.class, "127.0.0.1:" + server.port());

		assertThatThrownBy(() -> greeter.sleep(2000)).isInstanceOf(RpcTimeoutException.class);

		TestObservationRegistryAssert.assertThat(clientSide)
			.hasSingleObservationThat()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("error.type", RpcTimeoutException.class.getName());
	}

	@Test
	void aResultThatCannotBeWrittenIsRecordedAsTheInternalErrorTheCallerGets() {
		TestObservationRegistry serverSide = TestObservationRegistry.create();
		RpcServer server = RpcServer.builder().address("127.0.0.1").port(0).maxFrameSize(1024)
			.observationRegistry(serverSide)
			.addService(Greeter.class, new DefaultGreeter() {
				@Override
				public String echo(String text) {
					return text.repeat(1000);
				}
			})
			.build();
		server.start();
		this.closing.add(server::stop);
		Greeter greeter = client(ObservationRegistry.NOOP, server);

		assertThatThrownBy(() -> greeter.echo("long")).isInstanceOf(RpcRemoteException.class)
			.satisfies((ex) -> assertThat(((RpcRemoteException) ex).code()).isEqualTo(RpcErrorCodes.INTERNAL_ERROR));

		TestObservationRegistryAssert.assertThat(serverSide)
			.hasSingleObservationThat()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("rpc.method", Greeter.class.getName() + "/echo")
			.hasLowCardinalityKeyValue("rpc.status_code", "-32603")
			.hasLowCardinalityKeyValue("error.type", "-32603");
	}

	@Test
	void aBatchOverTheLimitIsRecordedOnceAsAnInvalidRequest() {
		TestObservationRegistry serverSide = TestObservationRegistry.create();
		List<Observation.Context> served = stopped(serverSide);
		RpcServer server = server(serverSide, new DefaultGreeter());
		String request = RawClient.request(1, Greeter.class.getName() + ".greet", "[\"Ada\"]");
		try (RawClient raw = RawClient.connect(server.port())) {
			raw.sendFrame("[" + String.join(",", java.util.Collections.nCopies(RpcServer.DEFAULT_MAX_BATCH_SIZE + 1,
					request)) + "]");
			assertThat(raw.readFrame().get("error").get("code").asInt()).isEqualTo(RpcErrorCodes.INVALID_REQUEST);
		}
		assertThat(served).singleElement().satisfies((context) -> {
			assertThat(context.getLowCardinalityKeyValue("rpc.method").getValue()).isEqualTo("unknown");
			assertThat(context.getLowCardinalityKeyValue("rpc.status_code").getValue()).isEqualTo("-32600");
		});
	}

	@Test
	void aDiscoveredServiceIsTaggedByItsNameAndItsEndpointsOnlyOnTheSpan() {
		TestObservationRegistry clientSide = TestObservationRegistry.create();
		RpcServer server = server(ObservationRegistry.NOOP, new DefaultGreeter());
		RpcClient client = RpcClient.builder()
			.observationRegistry(clientSide)
			.discovery("test", (name, version, listener) -> {
				listener.accept(List.of(new dev.jrpc.discovery.Endpoint("127.0.0.1", server.port(), 1, java.util.Map.of())));
				return () -> {
				};
			})
			.build();
		this.closing.add(client);

		assertThat(client.create(Greeter.class, "test:///greeters").greet("Ada")).isEqualTo("Hello, Ada");

		TestObservationRegistryAssert.assertThat(clientSide)
			.hasSingleObservationThat()
			.hasLowCardinalityKeyValue("server.address", "greeters")
			.hasLowCardinalityKeyValue("server.port", "unknown")
			.hasHighCardinalityKeyValue("network.peer.address", "127.0.0.1")
			.hasHighCardinalityKeyValue("network.peer.port", Integer.toString(server.port()));
	}

	@Test
	void plainNamesAreRecordedAsTheMethodAlone() {
		TestObservationRegistry serverSide = TestObservationRegistry.create();
		TestObservationRegistry clientSide = TestObservationRegistry.create();
		RpcServer server = RpcServer.builder().address("127.0.0.1").port(0).observationRegistry(serverSide)
			.addPlainService(Greeter.class, new DefaultGreeter())
			.build();
		server.start();
		this.closing.add(server::stop);
		RpcClient client = RpcClient.builder().observationRegistry(clientSide).build();
		this.closing.add(client);

		Greeter greeter = client.proxy(Greeter.class).address("127.0.0.1:" + server.port()).plainNames().build();
		assertThat(greeter.greet("Ada")).isEqualTo("Hello, Ada");

		TestObservationRegistryAssert.assertThat(clientSide).hasSingleObservationThat()
			.hasLowCardinalityKeyValue("rpc.method", "greet");
		TestObservationRegistryAssert.assertThat(serverSide).hasSingleObservationThat()
			.hasLowCardinalityKeyValue("rpc.method", "greet");
	}

	@Test
	void aServerAnsweringWithEverNewCodesCannotMakeEverNewSeriesOnTheClient() {
		TestObservationRegistry clientSide = TestObservationRegistry.create();
		List<Observation.Context> called = stopped(clientSide);
		Greeter greeter = client(clientSide, server(ObservationRegistry.NOOP, new DefaultGreeter() {
			@Override
			public void fail(String message) {
				throw new RpcErrorException(Integer.parseInt(message), "refused");
			}
		}));

		for (int code = 1; code <= 70; code++) {
			String sent = Integer.toString(code);
			assertThatThrownBy(() -> greeter.fail(sent)).isInstanceOf(RpcRemoteException.class);
		}
		assertThatThrownBy(() -> greeter.fail("-32099")).isInstanceOf(RpcRemoteException.class);

		assertThat(called).extracting((context) -> context.getLowCardinalityKeyValue("rpc.status_code").getValue())
			.containsSequence("63", "64", "other")
			.endsWith("other", "-32099")
			.filteredOn("other"::equals)
			.hasSize(6);
	}

	/** A tracer on Brave, writing and reading W3C trace context, keeping the spans it ends. */
	private static final class TestTracing implements AutoCloseable {

		final List<MutableSpan> spans = new CopyOnWriteArrayList<>();

		final Tracing tracing = Tracing.newBuilder()
			.currentTraceContext(ThreadLocalCurrentTraceContext.newBuilder().addScopeDecorator(MDCScopeDecorator.get())
				.build())
			.propagationFactory(new W3CPropagation())
			.supportsJoin(false)
			.addSpanHandler(new SpanHandler() {
				@Override
				public boolean end(TraceContext context, MutableSpan span, Cause cause) {
					TestTracing.this.spans.add(span);
					return true;
				}
			})
			.build();

		final ObservationRegistry registry = ObservationRegistry.create();

		TestTracing() {
			BraveTracer tracer = new BraveTracer(this.tracing.tracer(),
					new BraveCurrentTraceContext(this.tracing.currentTraceContext()));
			BravePropagator propagator = new BravePropagator(this.tracing);
			this.registry.observationConfig()
				.observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
						new PropagatingSenderTracingObservationHandler<>(tracer, propagator),
						new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
						new DefaultTracingObservationHandler(tracer)));
		}

		MutableSpan span(String kind, String serverPort) {
			return this.spans.stream()
				.filter((span) -> span.kind().name().equals(kind) && serverPort.equals(span.tag("server.port")))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no " + kind + " span for port " + serverPort + " in " + this.spans));
		}

		@Override
		public void close() {
			this.tracing.close();
		}

	}

	@Test
	void oneTraceCrossesTwoHopsAndTheServerLogsCarryItsId() {
		try (TestTracing tracing = new TestTracing()) {
			RpcServer last = server(tracing.registry, new DefaultGreeter() {
				@Override
				public String echo(String text) {
					return text + " with trace " + MDC.get("traceId");
				}
			});
			Greeter toLast = client(tracing.registry, last);
			RpcServer first = server(tracing.registry, new DefaultGreeter() {
				@Override
				public String echo(String text) {
					return toLast.echo(text);
				}
			});

			String answer = client(tracing.registry, first).echo("hop");

			String firstPort = Integer.toString(first.port());
			String lastPort = Integer.toString(last.port());
			MutableSpan callFirst = tracing.span("CLIENT", firstPort);
			MutableSpan servedFirst = tracing.span("SERVER", firstPort);
			MutableSpan callLast = tracing.span("CLIENT", lastPort);
			MutableSpan servedLast = tracing.span("SERVER", lastPort);
			assertThat(List.of(servedFirst, callLast, servedLast)).allSatisfy(
					(span) -> assertThat(span.traceId()).isEqualTo(callFirst.traceId()));
			assertThat(servedFirst.parentId()).isEqualTo(callFirst.id());
			assertThat(callLast.parentId()).isEqualTo(servedFirst.id());
			assertThat(servedLast.parentId()).isEqualTo(callLast.id());
			assertThat(servedLast.name()).isEqualTo(Greeter.class.getName() + "/echo");
			assertThat(answer).isEqualTo("hop with trace " + callFirst.traceId());
		}
	}

	@Test
	void aCallerInAnotherLanguageSendsItsOwnTraceparentAndTheServerContinuesIt() {
		try (TestTracing tracing = new TestTracing()) {
			RpcServer server = server(tracing.registry, new DefaultGreeter());
			try (RawClient raw = RawClient.connect(server.port())) {
				raw.sendFrame("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + Greeter.class.getName()
						+ ".greet\",\"params\":[\"Ada\"],\"meta\":{\"traceparent\":"
						+ "\"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\"}}");
				assertThat(raw.readFrame().get("result").asString()).isEqualTo("Hello, Ada");
			}
			MutableSpan served = tracing.span("SERVER", Integer.toString(server.port()));
			assertThat(served.traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
			assertThat(served.parentId()).isEqualTo("b7ad6b7169203331");
		}
	}

}
