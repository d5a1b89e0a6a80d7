package dev.jrpc.internal.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.jrpc.RpcJsonMapper;
import dev.jrpc.internal.protocol.Framing;
import dev.jrpc.internal.protocol.MessageWriter;
import dev.jrpc.internal.protocol.RemoteInterface;
import dev.jrpc.internal.protocol.RemoteMethod;
import dev.jrpc.testing.Greeter;
import dev.jrpc.testing.NativeFrames;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The client's connection handler on an {@link EmbeddedChannel}, its clock in the test's hands. */
class ClientChannelTests {

	private final ObjectMapper mapper = RpcJsonMapper.create(1 << 20);

	private final ClientChannel calls = new ClientChannel(new ServerAddress("127.0.0.1", 7070), this.mapper,
			new RequestEncoder(new MessageWriter(this.mapper, Framing.LENGTH_PREFIXED, 1 << 20)), 0,
			Duration.ofSeconds(1), Runnable::run, true);

	private final EmbeddedChannel channel = new EmbeddedChannel();

	private final ClientMethod greet = method("greet");

	ClientChannelTests() {
		this.channel.freezeTime();
		this.channel.pipeline().addLast(Framing.LENGTH_PREFIXED.newDecoder(1 << 20), this.calls);
	}

	@AfterEach
	void close() {
		this.channel.finishAndReleaseAll();
	}

	private ClientMethod method(String name) {
		for (RemoteMethod remote : RemoteInterface.parse(Greeter.class, "g", "", this.mapper)) {
			if (remote.method().getName().equals(name)) {
				return new ClientMethod(Greeter.class, remote, "g", "", null, this.mapper, (method) -> (call, chain) -> null);
			}
		}
		throw new IllegalArgumentException(name);
	}

	private CompletableFuture<@Nullable Object> send(String argument) {
		return send(outgoing(argument, false));
	}

	private OutgoingCall outgoing(String argument, boolean awaited) {
		return new OutgoingCall(this.greet, new Object[] { argument }, System.nanoTime() + TimeUnit.SECONDS.toNanos(5),
				5000, false, awaited);
	}

	private CompletableFuture<@Nullable Object> send(OutgoingCall call) {
		CompletableFuture<@Nullable Object> outcome = new CompletableFuture<>();
		this.calls.send(call, outcome::complete);
		this.channel.runPendingTasks();
		return outcome;
	}

	private void receive(String json) {
		this.channel.writeInbound(NativeFrames.frame(json));
	}

	private String sent() {
		String message = NativeFrames.body(this.channel.readOutbound());
		assertThat(message).as("a message was sent").isNotNull();
		return message;
	}

	@Test
	void completesACallFromItsResponse() {
		CompletableFuture<@Nullable Object> call = send("Ada");
		assertThat(sent()).startsWith("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"g.greet\",\"params\":[\"Ada\"]");

		receive("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"Hello, Ada\"}");

		assertThat(call).isCompletedWithValue("Hello, Ada");
	}

	@Test
	void afterGoawayCallsAboveTheLastIdFailAsNotRunAndNoNewCallIsSent() {
		CompletableFuture<@Nullable Object> accepted = send("one");
		CompletableFuture<@Nullable Object> late = send("two");

		receive("{\"jsonrpc\":\"2.0\",\"method\":\"rpc.goaway\",\"params\":{\"lastId\":1}}");

		assertThat(late).isCompleted();
		assertThat(late.join()).isInstanceOfSatisfying(CallFailure.Connection.class,
				(failure) -> assertThat(failure.retry()).isEqualTo(CallFailure.Retry.NOT_RUN));
		assertThat(accepted).isNotDone();
		assertThat(this.calls.isUsable()).isFalse();
		assertThat(send("three").join()).isInstanceOfSatisfying(CallFailure.Connection.class,
				(failure) -> assertThat(failure.retry()).isEqualTo(CallFailure.Retry.NOT_RUN));

		receive("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"Hello, one\"}");
		assertThat(accepted).isCompletedWithValue("Hello, one");
	}

	/**
	 * Ids are taken before requests are written, so one below the goaway's lastId may still reach the
	 * server after it: the server refuses it as busy, and that is a connection going away, which a
	 * new connection to the same server may take, not a busy server.
	 */
	@Test
	void aBusyRefusalAfterGoawayIsAConnectionGoingAway() {
		CompletableFuture<@Nullable Object> crossed = send("one");
		send("two");
		receive("{\"jsonrpc\":\"2.0\",\"method\":\"rpc.goaway\",\"params\":{\"lastId\":2}}");
		assertThat(crossed).isNotDone();

		receive("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32001,\"message\":\"Server busy: this connection is going away\"}}");

		assertThat(crossed.join()).isInstanceOfSatisfying(CallFailure.Connection.class, (failure) -> {
			assertThat(failure.retry()).isEqualTo(CallFailure.Retry.NOT_RUN);
			assertThat(failure.goingAway()).isTrue();
		});
	}

	@Test
	void aBusyRefusalBeforeAnyGoawayIsABusyServer() {
		CompletableFuture<@Nullable Object> refused = send("one");
		receive("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32001,\"message\":\"Server busy\"}}");
		assertThat(refused.join()).isInstanceOfSatisfying(CallFailure.Remote.class,
				(failure) -> assertThat(failure.retry()).isEqualTo(CallFailure.Retry.NOT_RUN));
	}

	@Test
	void aCallLostAfterItsRequestLeftMayHaveRun() {
		CompletableFuture<@Nullable Object> call = send("Ada");

		this.channel.close();

		assertThat(call.join()).isInstanceOfSatisfying(CallFailure.Connection.class,
				(failure) -> assertThat(failure.retry()).isEqualTo(CallFailure.Retry.MAY_HAVE_RUN));
	}

	@Test
	void aCallTimesOutAtItsDeadline() {
		CompletableFuture<@Nullable Object> call = send("Ada");

		this.channel.advanceTimeBy(6, TimeUnit.SECONDS);
		this.channel.runScheduledPendingTasks();

		assertThat(call.join()).isInstanceOfSatisfying(CallFailure.Timeout.class,
				(failure) -> assertThat(failure.message()).contains("Greeter.greet").contains("5000 ms"));
		assertThat(this.channel.isActive()).as("a timeout alone does not close the connection").isTrue();
	}

	@Test
	void aCallItsCallerWaitsForHasNoTimerAndEndsWhenTheCallerAbandonsIt() {
		OutgoingCall awaited = outgoing("Ada", true);
		CompletableFuture<@Nullable Object> call = send(awaited);
		this.channel.advanceTimeBy(6, TimeUnit.SECONDS);
		this.channel.runScheduledPendingTasks();
		assertThat(call).as("no timer of its own").isNotDone();

		awaited.abandon(false);

		assertThat(call.join()).isInstanceOfSatisfying(CallFailure.Timeout.class,
				(failure) -> assertThat(failure.message()).contains("Greeter.greet").contains("5000 ms"));
		// A late answer finds nothing, and the connection holds no call: it closes once asked to when idle.
		receive("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"Hello, Ada\"}");
		this.calls.closeWhenIdle();
		this.channel.runPendingTasks();
		assertThat(this.channel.isActive()).isFalse();
	}

	@Test
	void aCallWhoseCallerIsInterruptedEndsAsMayHaveRunAndNoLaterAttemptIsSent() {
		OutgoingCall awaited = outgoing("Ada", true);
		CompletableFuture<@Nullable Object> call = send(awaited);
		sent();

		awaited.abandon(true);

		assertThat(call.join()).isInstanceOfSatisfying(CallFailure.Connection.class, (failure) -> {
			assertThat(failure.retry()).isEqualTo(CallFailure.Retry.MAY_HAVE_RUN);
			assertThat(failure.message()).contains("interrupted");
		});
		assertThat(send(awaited).join()).as("an attempt after it was abandoned")
			.isInstanceOfSatisfying(CallFailure.Timeout.class,
					(failure) -> assertThat(failure.retry()).isEqualTo(CallFailure.Retry.NOT_RUN));
		assertThat((Object) this.channel.readOutbound()).as("nothing more sent").isNull();
	}

	@Test
	void pingsWhenIdleAndClosesWhenThePingIsNotAnswered() {
		CompletableFuture<@Nullable Object> call = send("Ada");
		sent();

		this.channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
		this.channel.runPendingTasks();
		assertThat(sent()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"rpc.ping\"}");
		this.channel.advanceTimeBy(1100, TimeUnit.MILLISECONDS);
		this.channel.runScheduledPendingTasks();

		assertThat(this.channel.isActive()).isFalse();
		assertThat(call.join()).isInstanceOfSatisfying(CallFailure.Connection.class,
				(failure) -> assertThat(failure.message()).contains("keepalive"));
	}

	@Test
	void anAnsweredPingKeepsTheConnectionOpen() {
		this.channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
		this.channel.runPendingTasks();
		assertThat(sent()).contains("rpc.ping");

		receive("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"pong\"}");
		this.channel.advanceTimeBy(2, TimeUnit.SECONDS);
		this.channel.runScheduledPendingTasks();

		assertThat(this.channel.isActive()).isTrue();
	}

	@Test
	void aResponseBrokenAfterItsIdFailsItsCallAndClosesTheConnection() {
		CompletableFuture<@Nullable Object> call = send("Ada");

		receive("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32000},\"x\":tru}");

		assertThat(this.channel.isActive()).isFalse();
		assertThat(call.join()).isInstanceOfSatisfying(CallFailure.Protocol.class,
				(failure) -> assertThat(failure.message()).contains("Greeter.greet").contains("could not be read"));
	}

	@Test
	void aResponseThatIsNotJsonRpcClosesTheConnectionAndSaysWhy() {
		CompletableFuture<@Nullable Object> call = send("Ada");

		receive("[1,2,3]");

		assertThat(this.channel.isActive()).isFalse();
		assertThat(call.join()).isInstanceOfSatisfying(CallFailure.Connection.class,
				(failure) -> assertThat(failure.message()).contains("not valid JSON-RPC"));
	}

}
