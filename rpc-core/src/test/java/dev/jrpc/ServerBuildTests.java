package dev.jrpc;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.jrpc.testing.DefaultGreeter;
import dev.jrpc.testing.Greeter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** What a server refuses when it is built, and the pipeline steps it takes from settings. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ServerBuildTests {

	/** A method that would answer to a reserved name. */
	interface Pinger {

		@RpcMethod("rpc.ping")
		String ping();

	}

	@Test
	void refusesAServiceNameThatJsonRpcReservesForExtensions() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RpcServer.builder().addService(Greeter.class, new DefaultGreeter(), "rpc.greeter", "").build())
			.withMessageContaining("'rpc.greeter'")
			.withMessageContaining(Greeter.class.getName())
			.withMessageContaining("reserves");
	}

	@Test
	void refusesAPlainMethodNameThatJsonRpcReservesForExtensions() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RpcServer.builder().addPlainService(Pinger.class, () -> "pong").build())
			.withMessageContaining("Pinger.ping")
			.withMessageContaining("'rpc.ping'")
			.withMessageContaining("@RpcMethod");
	}

	@Test
	void stepsAddedFirstSeeEveryByteOnBothSides() throws IOException {
		AtomicLong serverBytes = new AtomicLong();
		AtomicLong clientBytes = new AtomicLong();
		RpcServer server = RpcServer.builder()
			.address("127.0.0.1")
			.port(0)
			.addService(Greeter.class, new DefaultGreeter())
			.firstStep((channel) -> channel.pipeline().addLast(new ByteCounter(serverBytes)))
			.build();
		server.start();
		RpcClient.Builder builder = RpcClient.builder();
		builder.firstStep((channel) -> channel.pipeline().addLast(new ByteCounter(clientBytes)));
		try (RpcClient client = builder.build()) {
			Greeter greeter = client.create(Greeter.class, "127.0.0.1:" + server.port());

			assertThat(greeter.greet("Ada")).isEqualTo("Hello, Ada");
		}
		finally {
			server.stop();
		}
		assertThat(serverBytes.get()).as("request bytes the server's first step saw").isGreaterThan(40);
		assertThat(clientBytes.get()).as("response bytes the client's first step saw").isGreaterThan(30);
	}

	/** Counts the bytes read, and passes them on. */
	private static final class ByteCounter extends ChannelInboundHandlerAdapter {

		private final AtomicLong bytes;

		ByteCounter(AtomicLong bytes) {
			this.bytes = bytes;
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			this.bytes.addAndGet(((ByteBuf) msg).readableBytes());
			ctx.fireChannelRead(msg);
		}

	}

}
