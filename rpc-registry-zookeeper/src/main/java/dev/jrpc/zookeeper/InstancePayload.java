package dev.jrpc.zookeeper;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What jrpc keeps in the {@code payload} of a Curator service instance: the part of a
 * registration that Curator has no field for.
 *
 * @param version the service version, empty when the service has none
 * @param weight the server's share of calls relative to the others, positive
 * @param startTime when the server started, if it said
 * @param metadata anything else the server announces
 */
record InstancePayload(String version, int weight, @Nullable Instant startTime, Map<String, String> metadata) {

	InstancePayload {
		metadata = Map.copyOf(metadata);
	}

}
