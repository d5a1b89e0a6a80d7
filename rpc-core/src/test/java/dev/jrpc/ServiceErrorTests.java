package dev.jrpc;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Errors, not exceptions, while a call is served or answered: the service's, the result writer's,
 * and an asynchronous method's. Each call gets an error response and the connection goes on
 * serving; no caller is left waiting.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ServiceErrorTests {

	/** A service whose every method fails with an {@link Error}. */
	public interface Troubled {

		String overflow();

		String outOfMemory();

		Unwritable unwritable();

		CompletableFuture<String> failsLater();

		String fine();

	}

	/** A result whose only property cannot be read. */
	public record Unwritable(String name) {

		@Override
		public String name() {
			throw new StackOverflowError("simulated while writing the result");
		}

	}

	static final class TroubledService implements Troubled {

		@Override
		public String overflow() {
			return overflow() + "!";
		}

		@Override
		public String outOfMemory() {
			throw new OutOfMemoryError("simulated: Java heap space");
		}

		@Override
		public Unwritable unwritable() {
			return new Unwritable("x");
		}

		@Override
		public CompletableFuture<String> failsLater() {
			return CompletableFuture.failedFuture(new AssertionError("simulated, completed later"));
		}

		@Override
		public String fine() {
			return "fine";
		}

	}

	private RpcServer server;

	private RpcClient client;

	private Troubled troubled;

	@BeforeEach
	void start() {
		this.server = RpcServer.builder().address("127.0.0.1").port(0).addService(Troubled.class, new TroubledService())
			.build();
		this.server.start();
		this.client = RpcClient.builder().timeout(Duration.ofSeconds(10)).build();
		this.troubled = this.client.create(Troubled.class, "127.0.0.1:" + this.server.port());
	}

	@AfterEach
	void stop() {
		this.client.close();
		this.server.stop();
	}

	@Test
	void aStackOverflowInTheServiceIsAnsweredAsAnError() {
		assertThatThrownBy(this.troubled::overflow).isInstanceOf(RpcRemoteException.class)
			.hasMessageContaining("StackOverflowError");
		assertThat(this.troubled.fine()).isEqualTo("fine");
	}

	@Test
	void anOutOfMemoryErrorInTheServiceIsAnsweredAsAnError() {
		assertThatThrownBy(this.troubled::outOfMemory).isInstanceOf(RpcRemoteException.class)
			.hasMessageContaining("OutOfMemoryError");
		assertThat(this.troubled.fine()).isEqualTo("fine");
	}

	@Test
	void anErrorWhileTheResultIsWrittenIsAnsweredAsAnInternalError() {
		assertThatThrownBy(this.troubled::unwritable).isInstanceOf(RpcRemoteException.class)
			.hasMessageContaining("Troubled.unwritable")
			.satisfies((ex) -> assertThat(((RpcRemoteException) ex).code()).isEqualTo(RpcErrorCodes.INTERNAL_ERROR));
		assertThat(this.troubled.fine()).isEqualTo("fine");
	}

	@Test
	void anAsynchronousMethodWhoseFutureFailsWithAnErrorIsAnsweredAsAnError() {
		assertThatThrownBy(() -> this.troubled.failsLater().get(10, TimeUnit.SECONDS))
			.hasCauseInstanceOf(RpcRemoteException.class)
			.hasMessageContaining("AssertionError");
		assertThat(this.troubled.fine()).isEqualTo("fine");
	}

}
