package dev.jrpc.zookeeper;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.jrpc.RpcJsonMapper;
import dev.jrpc.discovery.Endpoint;
import org.apache.curator.x.discovery.ServiceInstance;
import org.apache.curator.x.discovery.ServiceType;
import org.apache.curator.x.discovery.details.InstanceSerializer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes and reads the data of an instance node in jrpc's fixed JSON layout, the one described in
 * {@code docs/registry-zookeeper.md}:
 *
 * <pre>{@code
 * {"name":"com.example.Greeter:1.0","id":"4b4f…","address":"10.0.0.7","port":7070,
 *  "payload":{"version":"1.0","weight":100,"startTime":"2026-01-05T09:30:00Z","metadata":{}},
 *  "registrationTimeUTC":1767605400000,"serviceType":"DYNAMIC"}
 * }</pre>
 *
 * It stands in for Curator's {@code JsonInstanceSerializer}, whose payload carries a Java class
 * name ({@code @JsonTypeInfo(use = CLASS)}) that would let the data choose the class to build.
 * Here the data is read into fixed records with jrpc's mapper, which has no default typing.
 * <p>
 * Reading needs {@code address} and {@code port}; a missing {@code payload} or payload member
 * takes its default (no version, weight {@value Endpoint#DEFAULT_WEIGHT}, no start time, no
 * metadata), and unknown members are ignored, so that other writers and later versions are read.
 * Data that cannot be read does not fail: it is returned as an instance without payload, which the
 * registry skips (see {@link #isReadable}), so that Curator's cache keeps every other instance.
 */
final class NodeDataSerializer implements InstanceSerializer<InstancePayload> {

	/** The most a node may hold: ZooKeeper's default {@code jute.maxbuffer}. */
	static final int MAX_NODE_BYTES = 1024 * 1024;

	private final JsonMapper mapper = RpcJsonMapper.create(MAX_NODE_BYTES);

	@Override
	public byte[] serialize(ServiceInstance<InstancePayload> instance) {
		InstancePayload payload = instance.getPayload();
		Integer port = instance.getPort();
		if (payload == null || port == null) {
			throw new IllegalArgumentException("Instance " + instance.getId() + " has no payload or no port");
		}
		NodeData data = new NodeData(instance.getName(), instance.getId(), instance.getAddress(), port,
				new NodeData.Payload(payload.version(), payload.weight(), payload.startTime(), payload.metadata()),
				instance.getRegistrationTimeUTC(), instance.getServiceType().name());
		return this.mapper.writeValueAsBytes(data);
	}

	@Override
	public ServiceInstance<InstancePayload> deserialize(byte @Nullable [] bytes) {
		if (bytes == null || bytes.length == 0) {
			return unreadable();
		}
		try {
			return read(this.mapper.readValue(bytes, NodeData.class));
		}
		catch (RuntimeException ex) {
			// Not JSON, not an object, a member of the wrong type or out of range: all the same to
			// a reader. The exception is not kept: its message may quote the data.
			return unreadable();
		}
	}

	/** Whether {@code instance} came from data this serializer could read. */
	static boolean isReadable(ServiceInstance<InstancePayload> instance) {
		return instance.getPayload() != null;
	}

	private static ServiceInstance<InstancePayload> read(NodeData data) {
		String address = data.address();
		Integer port = data.port();
		if (address == null || address.isBlank() || port == null || port < 1 || port > 65535) {
			return unreadable();
		}
		NodeData.Payload payload = (data.payload() != null) ? data.payload()
				: new NodeData.Payload(null, null, null, null);
		int weight = (payload.weight() != null) ? payload.weight() : Endpoint.DEFAULT_WEIGHT;
		if (weight < 1) {
			return unreadable();
		}
		InstancePayload read = new InstancePayload((payload.version() != null) ? payload.version() : "", weight,
				payload.startTime(), (payload.metadata() != null) ? payload.metadata() : Map.of());
		return new ServiceInstance<>((data.name() != null) ? data.name() : "", (data.id() != null) ? data.id() : "",
				address, port, null, read, (data.registrationTimeUTC() != null) ? data.registrationTimeUTC() : 0,
				ServiceType.DYNAMIC, null);
	}

	private static ServiceInstance<InstancePayload> unreadable() {
		return new ServiceInstance<>("", "", null, null, null, null, 0, ServiceType.DYNAMIC, null);
	}

	/** The node data as written; every member nullable, so that reading can tell what is missing. */
	@JsonPropertyOrder({ "name", "id", "address", "port", "payload", "registrationTimeUTC", "serviceType" })
	record NodeData(@Nullable String name, @Nullable String id, @Nullable String address, @Nullable Integer port,
			@Nullable Payload payload, @Nullable Long registrationTimeUTC, @Nullable String serviceType) {

		@JsonPropertyOrder({ "version", "weight", "startTime", "metadata" })
		record Payload(@Nullable String version, @Nullable Integer weight, @Nullable Instant startTime,
				@Nullable Map<String, String> metadata) {
		}

	}

}
