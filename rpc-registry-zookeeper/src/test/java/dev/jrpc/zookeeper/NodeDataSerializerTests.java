package dev.jrpc.zookeeper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.apache.curator.x.discovery.ServiceInstance;
import org.apache.curator.x.discovery.ServiceType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class NodeDataSerializerTests {

	private final NodeDataSerializer serializer = new NodeDataSerializer();

	private final ServiceInstance<InstancePayload> instance = new ServiceInstance<>("com.example.Greeter:1.0",
			"4b4f3c1e", "10.0.0.7", 7070, null,
			new InstancePayload("1.0", 30, Instant.parse("2026-01-05T09:30:00Z"), Map.of("zone", "a")), 1767605400000L,
			ServiceType.DYNAMIC, null);

	@Test
	void writesTheDocumentedLayout() {
		String json = new String(this.serializer.serialize(this.instance), StandardCharsets.UTF_8);
		assertThat(json).isEqualTo("{\"name\":\"com.example.Greeter:1.0\",\"id\":\"4b4f3c1e\",\"address\":\"10.0.0.7\","
				+ "\"port\":7070,\"payload\":{\"version\":\"1.0\",\"weight\":30,\"startTime\":\"2026-01-05T09:30:00Z\","
				+ "\"metadata\":{\"zone\":\"a\"}},\"registrationTimeUTC\":1767605400000,\"serviceType\":\"DYNAMIC\"}");
	}

	@Test
	void readsWhatItWrites() {
		ServiceInstance<InstancePayload> read = this.serializer.deserialize(this.serializer.serialize(this.instance));
		assertThat(NodeDataSerializer.isReadable(read)).isTrue();
		assertThat(read.getName()).isEqualTo("com.example.Greeter:1.0");
		assertThat(read.getId()).isEqualTo("4b4f3c1e");
		assertThat(read.getAddress()).isEqualTo("10.0.0.7");
		assertThat(read.getPort()).isEqualTo(7070);
		assertThat(read.getRegistrationTimeUTC()).isEqualTo(1767605400000L);
		assertThat(read.getPayload()).isEqualTo(this.instance.getPayload());
	}

	@Test
	void readsAnInstanceWithOnlyAnAddressAndAPortWithTheDefaults() {
		ServiceInstance<InstancePayload> read = deserialize("{\"id\":\"x\",\"address\":\"h\",\"port\":1,\"more\":[1]}");
		assertThat(read.getPayload()).isEqualTo(new InstancePayload("", 100, null, Map.of()));
	}

	@Test
	void neverLetsTheDataChooseAClass() {
		// What Curator's JsonInstanceSerializer would turn into an instance of the named class.
		ServiceInstance<InstancePayload> read = deserialize("{\"id\":\"x\",\"address\":\"h\",\"port\":1,"
				+ "\"payload\":{\"@class\":\"java.lang.ProcessBuilder\",\"command\":[\"true\"],\"weight\":7}}");
		assertThat(read.getPayload()).isEqualTo(new InstancePayload("", 7, null, Map.of()));
	}

	@Test
	void returnsAnUnreadableInstanceForDataItCannotRead() {
		for (String data : new String[] { "", "not json", "[1,2]", "{\"address\":\"h\"}", "{\"port\":7070}",
				"{\"address\":\"h\",\"port\":70000}", "{\"address\":\" \",\"port\":1}",
				"{\"address\":\"h\",\"port\":\"x\"}", "{\"address\":\"h\",\"port\":1,\"payload\":{\"weight\":0}}",
				"{\"address\":\"h\",\"port\":1,\"payload\":{\"startTime\":\"yesterday\"}}",
				"{\"address\":\"h\",\"port\":1,\"payload\":{\"metadata\":{\"a\":{\"b\":1}}}}" }) {
			assertThat(NodeDataSerializer.isReadable(deserialize(data))).as(data).isFalse();
		}
		assertThat(NodeDataSerializer.isReadable(this.serializer.deserialize(null))).isFalse();
	}

	@Test
	void writesJsonThatAPlainParserReads() {
		JsonNode node = JsonMapper.shared().readTree(this.serializer.serialize(this.instance));
		assertThat(node.get("payload").get("startTime").isString()).isTrue();
		assertThat(node.get("registrationTimeUTC").isIntegralNumber()).isTrue();
	}

	private ServiceInstance<InstancePayload> deserialize(String data) {
		return this.serializer.deserialize(data.getBytes(StandardCharsets.UTF_8));
	}

}
