package dev.jrpc.internal.client;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** gRPC's connection backoff: 1 s, × 1.6, ± 20 %, at most 120 s. */
class ConnectionBackoffTests {

	private static ConnectionBackoff withRandom(double value) {
		return new ConnectionBackoff(Duration.ofSeconds(1), 1.6, 0.2, Duration.ofSeconds(120), () -> value);
	}

	@Test
	void growsBySixtyPercentPerFailureUpToTwoMinutes() {
		ConnectionBackoff middle = withRandom(0.5);

		assertThat(millis(middle, 1)).isEqualTo(1000);
		assertThat(millis(middle, 2)).isEqualTo(1600);
		assertThat(millis(middle, 3)).isEqualTo(2560);
		assertThat(millis(middle, 4)).isEqualTo(4096);
		assertThat(millis(middle, 11)).isEqualTo(109951);
		assertThat(millis(middle, 12)).isEqualTo(120000);
		assertThat(millis(middle, 1000)).isEqualTo(120000);
	}

	@Test
	void spreadsEachDelayByTwentyPercentEitherWay() {
		assertThat(millis(withRandom(0), 1)).isEqualTo(800);
		assertThat(millis(withRandom(0.999999), 1)).isEqualTo(1199);
		assertThat(millis(withRandom(0), 20)).isEqualTo(96000);
		assertThat(millis(withRandom(0.999999), 20)).isEqualTo(143999);
	}

	private static long millis(ConnectionBackoff backoff, int failures) {
		return TimeUnit.NANOSECONDS.toMillis(backoff.delayNanos(failures));
	}

}
