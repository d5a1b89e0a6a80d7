package dev.jrpc;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.jrpc.testing.Replica;
import dev.jrpc.testing.SilentServer;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Keepalive pings find servers that stopped answering, well before the calls' own timeouts. The
 * calls are of a method that is not idempotent, so that each fails once, with no retry.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class KeepaliveTests {

	/** Connections the client opened. */
	private final AtomicInteger opened = new AtomicInteger();

	private final RpcClient client = RpcClient.builder()
		.keepaliveInterval(Duration.ofSeconds(1))
		.keepaliveTimeout(Duration.ofSeconds(1))
		.firstStep((channel) -> this.opened.incrementAndGet())
		.build();

	@AfterEach
	void close() {
		this.client.close();
	}

	@Test
	void aFrozenServerIsDetectedAndItsConnectionClosed() throws Exception {
		try (SilentServer frozen = SilentServer.start()) {
			Replica replica = this.client.proxy(Replica.class)
				.address("127.0.0.1:" + frozen.port())
				.timeout(Duration.ofSeconds(20))
				.build();

			long start = System.nanoTime();
			assertThatExceptionOfType(RpcConnectionException.class).isThrownBy(() -> replica.write("key", 0))
				.withMessageContaining("keepalive");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
		}
	}

	@Test
	void aConnectionLeftWithHalfAFrameIsDroppedAndTheNextCallUsesANewOne() throws Exception {
		// A native frame header announcing 256 bytes, and only 3 of them.
		byte[] halfFrame = { 0, 0, 1, 0, '{', '"', 'j' };
		try (SilentServer broken = SilentServer.sendingOnce(halfFrame)) {
			Replica replica = this.client.proxy(Replica.class)
				.address("127.0.0.1:" + broken.port())
				.timeout(Duration.ofSeconds(20))
				.build();

			assertThatExceptionOfType(RpcConnectionException.class).isThrownBy(() -> replica.write("key", 0))
				.withMessageContaining("keepalive");
			assertThatExceptionOfType(RpcConnectionException.class).isThrownBy(() -> replica.write("key", 0));
			assertThat(broken.connections()).as("a new connection for the second call").isEqualTo(2);
		}
	}

	@Test
	void anIdleConnectionToALiveServerStaysOpen() throws Exception {
		RpcServer server = RpcServer.builder()
			.address("127.0.0.1")
			.port(0)
			.addService(Replica.class, new dev.jrpc.testing.NamedReplica("alive"))
			.build();
		server.start();
		AtomicInteger reads = new AtomicInteger();
		// Pings every second as above, but a timeout no stall of a busy machine reaches: only a ping
		// left unanswered closes the connection.
		try (RpcClient patient = RpcClient.builder()
			.keepaliveInterval(Duration.ofSeconds(1))
			.keepaliveTimeout(Duration.ofSeconds(5))
			.firstStep((channel) -> {
				this.opened.incrementAndGet();
				channel.pipeline().addLast(new ReadCounter(reads));
			})
			.build()) {
			Replica replica = patient.proxy(Replica.class).address("127.0.0.1:" + server.port()).build();
			assertThat(replica.name()).isEqualTo("alive");
			// Several keepalive intervals of silence, each answered by a pong: a ping is sent only once
			// the one before it is answered.
			await().atMost(Duration.ofSeconds(15)).until(() -> reads.get() >= 1 + 3);
			assertThat(replica.name()).isEqualTo("alive");
			assertThat(this.opened.get()).as("connections opened: the first one stayed open").isEqualTo(1);
		}
		finally {
			server.stop();
		}
	}

	/** Counts what the connection reads: here one read for each answer and each pong. */
	private static final class ReadCounter extends ChannelInboundHandlerAdapter {

		private final AtomicInteger reads;

		ReadCounter(AtomicInteger reads) {
			this.reads = reads;
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			this.reads.incrementAndGet();
			ctx.fireChannelRead(msg);
		}

	}

}
