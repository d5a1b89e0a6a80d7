package dev.jrpc.discovery;

import java.time.Instant;
import java.util.Objects;

/**
 * What a server announces for one exported service.
 *
 * @param name the service name
 * @param version the service version, may be empty
 * @param endpoint where clients connect, with the server's weight
 * @param startTime when the server started
 */
public record ServiceRegistration(String name, String version, Endpoint endpoint, Instant startTime) {

	public ServiceRegistration {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(version, "version");
		Objects.requireNonNull(endpoint, "endpoint");
		Objects.requireNonNull(startTime, "startTime");
	}

}
