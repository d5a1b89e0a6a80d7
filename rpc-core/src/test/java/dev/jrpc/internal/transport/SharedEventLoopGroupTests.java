package dev.jrpc.internal.transport;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.jrpc.RpcClient;
import dev.jrpc.RpcServer;
import dev.jrpc.testing.DefaultGreeter;
import dev.jrpc.testing.Greeter;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SharedEventLoopGroupTests {

	private final AtomicInteger made = new AtomicInteger();

	private final SharedEventLoopGroup shared = new SharedEventLoopGroup(() -> {
		this.made.incrementAndGet();
		return Transport.NIO.newEventLoopGroup(1, "shared-test", true);
	});

	@Test
	void holdersGetOneGroupThatEndsWithTheLastRelease() {
		EventLoopGroup first = this.shared.acquire();
		EventLoopGroup second = this.shared.acquire();
		assertThat(second).isSameAs(first);
		assertThat(this.made).hasValue(1);

		assertThat(this.shared.release(first).isSuccess()).isTrue();
		assertThat(first.isShuttingDown()).isFalse();
		assertThat(first.submit(() -> "still running").syncUninterruptibly().getNow()).isEqualTo("still running");

		Future<?> termination = this.shared.release(second);
		assertThat(termination.awaitUninterruptibly(5, TimeUnit.SECONDS)).isTrue();
		assertThat(first.isTerminated()).isTrue();
		assertThat(this.shared.holders()).isZero();
	}

	@Test
	void anAcquireAfterTheLastReleaseMakesANewGroup() {
		EventLoopGroup first = this.shared.acquire();
		this.shared.release(first).awaitUninterruptibly(5, TimeUnit.SECONDS);
		EventLoopGroup next = this.shared.acquire();
		try {
			assertThat(next).isNotSameAs(first);
			assertThat(next.isShuttingDown()).isFalse();
			assertThat(this.made).hasValue(2);
		}
		finally {
			this.shared.release(next).awaitUninterruptibly(5, TimeUnit.SECONDS);
		}
	}

	@Test
	void refusesToReleaseAGroupItDoesNotHold() {
		EventLoopGroup held = this.shared.acquire();
		this.shared.release(held).awaitUninterruptibly(5, TimeUnit.SECONDS);
		assertThatIllegalStateException().isThrownBy(() -> this.shared.release(held))
			.withMessageContaining("not held here");
		EventLoopGroup other = Transport.NIO.newEventLoopGroup(1, "other", true);
		EventLoopGroup next = this.shared.acquire();
		try {
			assertThatIllegalStateException().isThrownBy(() -> this.shared.release(other));
			assertThat(this.shared.holders()).isEqualTo(1);
		}
		finally {
			this.shared.release(next);
			other.shutdownGracefully(0, 1, TimeUnit.SECONDS);
		}
	}

	@Test
	void clientsShareTheLoopsUnlessGivenTheirOwnAndReleaseThemOnceWhenClosed() {
		RpcServer server = RpcServer.builder()
			.address("127.0.0.1")
			.port(0)
			.addService(Greeter.class, new DefaultGreeter())
			.build();
		server.start();
		int before = SharedEventLoopGroup.CLIENTS.holders();
		try (RpcClient own = RpcClient.builder().ioThreads(1).build()) {
			RpcClient first = RpcClient.builder().build();
			RpcClient second = RpcClient.builder().build();
			assertThat(SharedEventLoopGroup.CLIENTS.holders()).isEqualTo(before + 2);
			String address = "127.0.0.1:" + server.port();
			Greeter firstGreeter = first.create(Greeter.class, address);
			Greeter secondGreeter = second.create(Greeter.class, address);
			assertThat(firstGreeter.greet("one")).isEqualTo("Hello, one");
			assertThat(secondGreeter.greet("two")).isEqualTo("Hello, two");
			assertThat(own.create(Greeter.class, address).greet("own")).isEqualTo("Hello, own");

			first.close();
			first.close();
			assertThat(SharedEventLoopGroup.CLIENTS.holders()).isEqualTo(before + 1);
			assertThat(first.openConnections()).isZero();
			assertThat(secondGreeter.greet("still")).isEqualTo("Hello, still");

			second.close();
			assertThat(SharedEventLoopGroup.CLIENTS.holders()).isEqualTo(before);
		}
		finally {
			server.stop();
		}
	}

	@Test
	void aClientThatFailsToBuildReleasesItsShare() {
		int before = SharedEventLoopGroup.CLIENTS.holders();
		assertThatIllegalStateException().isThrownBy(() -> RpcClient.builder().bootstrapCustomizer((bootstrap) -> {
			throw new IllegalStateException("refused by the customizer");
		}).build());
		assertThat(SharedEventLoopGroup.CLIENTS.holders()).isEqualTo(before);
	}

}
