package dev.jrpc.benchmark.jrpc;

import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;

/**
 * The observation registry of a run, the same for the server and the client: none by default, as
 * the report measures; with {@code -Djrpc.observation=metrics}, each call's observation records
 * its timer in a meter registry, as in an application with Actuator and no tracer.
 */
final class BenchmarkObservations {

	static final String PROPERTY = "jrpc.observation";

	private BenchmarkObservations() {
	}

	static ObservationRegistry fromSystemProperty() {
		String mode = System.getProperty(PROPERTY, "none");
		return switch (mode) {
			case "none" -> ObservationRegistry.NOOP;
			case "metrics" -> {
				ObservationRegistry registry = ObservationRegistry.create();
				registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(new SimpleMeterRegistry()));
				yield registry;
			}
			default -> throw new IllegalArgumentException(
					"-D" + PROPERTY + "=" + mode + " is neither none nor metrics");
		};
	}

}
