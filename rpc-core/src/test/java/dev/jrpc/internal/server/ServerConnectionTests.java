package dev.jrpc.internal.server;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.jrpc.RpcJsonMapper;
import dev.jrpc.internal.protocol.Framing;
import dev.jrpc.internal.protocol.MessageWriter;
import dev.jrpc.testing.DefaultGreeter;
import dev.jrpc.testing.Greeter;
import dev.jrpc.testing.NativeFrames;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The server's connection handler on an {@link EmbeddedChannel}: pings, going away, connection age. */
class ServerConnectionTests {

	private final ObjectMapper mapper = RpcJsonMapper.create(1 << 20);

	private final MethodTable methods = new MethodTable.Builder(this.mapper)
		.add(Greeter.class, new DefaultGreeter(), "g", "")
		.build();

	/** Calls waiting for a worker: the test runs them when it wants them answered. */
	private final List<Runnable> queued = new java.util.ArrayList<>();

	private EmbeddedChannel channel;

	private ServerConnection connection;

	@AfterEach
	void close() {
		this.channel.finishAndReleaseAll();
	}

	private void open(Duration maxConnectionAge) {
		open(maxConnectionAge, Runnable::run);
	}

	private void open(Duration maxConnectionAge, CallExecutor workers) {
		CallDispatcher dispatcher = new CallDispatcher(workers, 1000, GlobalEventExecutor.INSTANCE,
				new ServerInterceptorChain(List.of()), null);
		this.connection = new ServerConnection(new RequestReader(this.methods), dispatcher,
				new MessageWriter(this.mapper, Framing.LENGTH_PREFIXED, 1 << 20), 1 << 20, 10, maxConnectionAge,
				new ReadGate());
		this.channel = new EmbeddedChannel();
		this.channel.freezeTime();
		this.channel.pipeline().addLast(Framing.LENGTH_PREFIXED.newDecoder(1 << 20), this.connection);
	}

	/** As the server builds it with an idle timeout of 5 minutes. */
	private void openWithIdleTimeout(CallExecutor workers) {
		open(Duration.ZERO, workers);
		this.channel.pipeline().addFirst(new IdleStateHandler(0, 0, 5, TimeUnit.MINUTES));
	}

	private void idleFor(long minutes) {
		this.channel.advanceTimeBy(minutes, TimeUnit.MINUTES);
		this.channel.runScheduledPendingTasks();
		this.channel.runPendingTasks();
	}

	@Test
	void sendsAwayAndClosesAConnectionWithoutTrafficForTheIdleTimeout() {
		openWithIdleTimeout(Runnable::run);
		receive("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"g.greet\",\"params\":[\"Ada\"]}");
		sent();
		idleFor(4);
		assertThat(this.channel.isOpen()).as("open after 4 minutes").isTrue();
		assertThat((Object) this.channel.readOutbound()).isNull();

		idleFor(1);
		assertThat(sent()).contains("rpc.goaway");
		lingerOver();

		assertThat(this.channel.isOpen()).isFalse();
	}

	@Test
	void keepsAnIdleConnectionOpenWhileACallRunsAndClosesItOnceIdleAfterTheAnswer() {
		openWithIdleTimeout(this.queued::add);
		receive("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"g.greet\",\"params\":[\"Ada\"]}");
		idleFor(11);
		assertThat(this.channel.isOpen()).as("open while its call runs").isTrue();

		this.queued.forEach(Runnable::run);
		this.channel.runPendingTasks();
		assertThat(sent()).contains("Hello, Ada");
		idleFor(5);
		assertThat(sent()).contains("rpc.goaway");
		lingerOver();

		assertThat(this.channel.isOpen()).isFalse();
	}

	private void receive(String json) {
		this.channel.writeInbound(NativeFrames.frame(json));
		this.channel.runPendingTasks();
	}

	private String sent() {
		String message = NativeFrames.body(this.channel.readOutbound());
		assertThat(message).as("a message was sent").isNotNull();
		return message;
	}

	/** Lets the second a connection sent away lingers pass. */
	private void lingerOver() {
		this.channel.advanceTimeBy(1, TimeUnit.SECONDS);
		this.channel.runScheduledPendingTasks();
		this.channel.runPendingTasks();
	}

	@Test
	void answersAPingAtOnce() {
		open(Duration.ZERO);

		receive("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"rpc.ping\"}");

		assertThat(sent()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":\"pong\"}");
	}

	@Test
	void goingAwayNamesTheLastIdAcceptedRefusesLaterCallsAsBusyAndClosesOnceAllAreAnswered() {
		open(Duration.ZERO);
		receive("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"g.greet\",\"params\":[\"Ada\"]}");
		assertThat(sent()).contains("\"id\":5").contains("Hello, Ada");

		this.connection.goAway();
		this.channel.runPendingTasks();

		assertThat(sent()).isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"rpc.goaway\",\"params\":{\"lastId\":5}}");
		assertThat(this.channel.isActive()).as("lingering for requests already on their way").isTrue();
		lingerOver();
		assertThat(this.channel.isActive()).as("nothing was left to answer").isFalse();
	}

	@Test
	void aCallArrivingAfterGoawayIsRefusedAsBusyWhileTheCallsBeforeItAreAnswered() {
		open(Duration.ZERO, this.queued::add);
		receive("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"g.greet\",\"params\":[\"Ada\"]}");

		this.connection.goAway();
		receive("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"g.greet\",\"params\":[\"Bob\"]}");

		assertThat(sent()).contains("rpc.goaway").contains("\"lastId\":1");
		assertThat(sent()).contains("\"id\":2").contains("-32001");
		assertThat(this.channel.isActive()).as("call 1 is still running").isTrue();

		lingerOver();
		assertThat(this.channel.isActive()).as("call 1 is still running after the linger").isTrue();
		this.queued.forEach(Runnable::run);
		this.channel.runPendingTasks();

		assertThat(sent()).contains("\"id\":1").contains("Hello, Ada");
		assertThat(this.channel.isActive()).as("closed once every call read was answered").isFalse();
	}

	@Test
	void aConnectionOlderThanTheMaximumAgeIsSentAway() {
		open(Duration.ofSeconds(10));
		receive("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"g.greet\",\"params\":[\"Ada\"]}");
		sent();

		this.channel.advanceTimeBy(8, TimeUnit.SECONDS);
		this.channel.runScheduledPendingTasks();
		ByteBuf early = this.channel.readOutbound();
		assertThat(early).as("before 90 % of the age").isNull();
		this.channel.advanceTimeBy(4, TimeUnit.SECONDS);
		this.channel.runScheduledPendingTasks();
		this.channel.runPendingTasks();

		assertThat(sent()).contains("rpc.goaway").contains("\"lastId\":3");
	}

}
