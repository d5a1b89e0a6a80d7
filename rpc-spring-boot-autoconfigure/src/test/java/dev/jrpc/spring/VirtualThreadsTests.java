package dev.jrpc.spring;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.jrpc.RpcClient;
import dev.jrpc.spring.autoconfigure.RpcClientAutoConfiguration;
import dev.jrpc.spring.autoconfigure.RpcServerAutoConfiguration;
import dev.jrpc.spring.context.RpcServerLifecycle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Spring Boot's {@code spring.threads.virtual.enabled}, service methods run on virtual
 * threads, at most {@code rpc.server.worker-threads} at once. Runs on Java 21 or later: the build
 * runs this class on the Temurin 25 JDK when the machine has it (profile {@code java25-tests}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(OutputCaptureExtension.class)
class VirtualThreadsTests {

	private static final int CALLS = 2000;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RpcServerAutoConfiguration.class, RpcClientAutoConfiguration.class))
		.withPropertyValues("rpc.server.port=0", "rpc.server.address=127.0.0.1",
				"spring.threads.virtual.enabled=true");

	/** Blocks each call until all of them have arrived: they can only all return if they all run at once. */
	public interface Rendezvous {

		CompletableFuture<Boolean> arriveAndWait();

	}

	@RpcService
	static class AllAtOnce implements Rendezvous {

		private final CountDownLatch arrived = new CountDownLatch(CALLS);

		@Override
		public CompletableFuture<Boolean> arriveAndWait() {
			this.arrived.countDown();
			try {
				if (!this.arrived.await(30, TimeUnit.SECONDS)) {
					throw new IllegalStateException("only " + (CALLS - this.arrived.getCount()) + " calls ran at once");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			return CompletableFuture.completedFuture(isVirtual(Thread.currentThread()));
		}

	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void twoThousandBlockingCallsRunAtOnceOnVirtualThreads() {
		this.runner.withBean(AllAtOnce.class)
			.withPropertyValues("rpc.server.worker-threads=" + CALLS)
			.run((context) -> {
				int port = context.getEnvironment().getProperty(RpcServerLifecycle.PORT_PROPERTY, Integer.class);
				Rendezvous rendezvous = context.getBean(RpcClient.class)
					.proxy(Rendezvous.class)
					.address("127.0.0.1:" + port)
					.timeout(java.time.Duration.ofSeconds(40))
					.build();
				List<CompletableFuture<Boolean>> calls = new ArrayList<>();
				for (int i = 0; i < CALLS; i++) {
					calls.add(rendezvous.arriveAndWait());
				}
				CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(45, TimeUnit.SECONDS);
				assertThat(calls).allSatisfy((call) -> assertThat(call.join()).as("ran on a virtual thread").isTrue());
			});
	}

	@Test
	@EnabledForJreRange(max = JRE.JAVA_20)
	void onAJvmWithoutVirtualThreadsThePropertyIsIgnoredWithOneLogLine(CapturedOutput output) {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).containsOnlyOnce("spring.threads.virtual.enabled is set, but Java");
		});
	}

	private static boolean isVirtual(Thread thread) {
		try {
			Method isVirtual = Thread.class.getMethod("isVirtual");
			return (boolean) isVirtual.invoke(thread);
		}
		catch (ReflectiveOperationException ex) {
			return false;
		}
	}

}
