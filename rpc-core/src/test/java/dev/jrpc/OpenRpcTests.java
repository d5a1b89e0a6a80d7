package dev.jrpc;

import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.jrpc.testing.DefaultGreeter;
import dev.jrpc.testing.Greeter;
import dev.jrpc.testing.RawClient;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rpc.discover}: the OpenRPC document generated from the exported interfaces, checked field
 * by field and against the OpenRPC meta-schema.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OpenRpcTests {

	/** A service with what a document has to describe: optional and nested values, recursion, errors, deprecation. */
	public interface Catalog {

		Entry find(String code);

		Entry find(String code, @Nullable String region);

		Page<Entry> page(int number);

		@Deprecated
		List<Entry> list(Optional<Kind> kind);

		void remove(String code) throws NotFound;

		Map<String, Integer> counts(LocalDate day);

	}

	public enum Kind {

		BOOK, PEN

	}

	public record Entry(String code, Kind kind, @Nullable Entry parent, List<Entry> children, Instant updated) {
	}

	public record Page<T>(int number, List<T> items) {
	}

	public static class NotFound extends Exception {

		public NotFound(String message) {
			super(message);
		}

	}

	static class EmptyCatalog implements Catalog {

		@Override
		public Entry find(String code) {
			return find(code, null);
		}

		@Override
		public Entry find(String code, @Nullable String region) {
			return new Entry(code, Kind.PEN, null, List.of(), Instant.EPOCH);
		}

		@Override
		public Page<Entry> page(int number) {
			return new Page<>(number, List.of());
		}

		@Override
		public List<Entry> list(Optional<Kind> kind) {
			return List.of();
		}

		@Override
		public void remove(String code) throws NotFound {
			throw new NotFound(code);
		}

		@Override
		public Map<String, Integer> counts(LocalDate day) {
			return Map.of();
		}

	}

	private RpcServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.stop();
		}
	}

	private JsonNode discover(RpcServer.Builder builder) {
		this.server = builder.address("127.0.0.1").port(0).build();
		this.server.start();
		try (RawClient raw = RawClient.connect(this.server.port())) {
			raw.sendFrame(RawClient.request(1, "rpc.discover", "[]"));
			return raw.readFrame();
		}
	}

	private JsonNode document() {
		JsonNode response = discover(RpcServer.builder()
			.addService(Catalog.class, new EmptyCatalog(), "catalog", "2")
			.addService(Greeter.class, new DefaultGreeter())
			.discoveryInfo("catalog service", "2.1.0"));
		assertThat(response.has("error")).as("%s", response).isFalse();
		return response.get("result");
	}

	private static JsonNode method(JsonNode document, String name) {
		for (JsonNode method : document.get("methods")) {
			if (method.get("name").asString().equals(name)) {
				return method;
			}
		}
		throw new AssertionError("no method " + name + " in " + document);
	}

	@Test
	void describesEachMethodByItsWireNameWithNamedTypedParameters() {
		JsonNode document = document();
		assertThat(document.get("openrpc").asString()).isEqualTo("1.3.2");
		assertThat(document.get("info").get("title").asString()).isEqualTo("catalog service");
		assertThat(document.get("info").get("version").asString()).isEqualTo("2.1.0");

		JsonNode find = method(document, "catalog:2.find");
		assertThat(find.get("paramStructure").asString()).isEqualTo("either");
		assertThat(find.get("params").get(0).get("name").asString()).isEqualTo("code");
		assertThat(find.get("params").get(0).get("required").asBoolean()).isTrue();
		assertThat(find.get("params").get(0).get("schema").get("type").asString()).isEqualTo("string");
		assertThat(find.get("params").get(1).get("name").asString()).isEqualTo("region");
		assertThat(find.get("params").get(1).get("required").asBoolean()).as("find(code) does without it").isFalse();
		assertThat(find.get("params").get(1).get("schema").toString())
			.isEqualTo("{\"oneOf\":[{\"type\":\"string\"},{\"type\":\"null\"}]}");
		assertThat(find.get("result").get("schema").get("$ref").asString()).isEqualTo("#/components/schemas/Entry");
		assertThat(document.get("methods")).filteredOn((method) -> method.get("name").asString().equals("catalog:2.find"))
			.as("overloads are one method").hasSize(1);

		JsonNode counts = method(document, "catalog:2.counts");
		assertThat(counts.get("params").get(0).get("schema").toString()).isEqualTo("{\"type\":\"string\",\"format\":\"date\"}");
		assertThat(counts.get("result").get("schema").get("additionalProperties").get("type").asString())
			.isEqualTo("integer");

		assertThat(method(document, Greeter.class.getName() + ".greet").get("params").get(0).get("name").asString())
			.isEqualTo("name");
	}

	@Test
	void describesRecordsEnumsAndRecursionOnceUnderComponents() {
		JsonNode schemas = document().get("components").get("schemas");
		JsonNode entry = schemas.get("Entry");
		assertThat(entry.get("type").asString()).isEqualTo("object");
		assertThat(entry.get("properties").get("updated").toString())
			.isEqualTo("{\"type\":\"string\",\"format\":\"date-time\"}");
		assertThat(entry.get("properties").get("parent").get("oneOf").get(0).get("$ref").asString())
			.isEqualTo("#/components/schemas/Entry");
		assertThat(entry.get("properties").get("parent").get("oneOf").get(1).get("type").asString()).isEqualTo("null");
		assertThat(entry.get("properties").get("children").get("items").get("$ref").asString())
			.isEqualTo("#/components/schemas/Entry");
		assertThat(entry.get("required")).extracting(JsonNode::asString)
			.containsExactly("code", "kind", "children", "updated");
		assertThat(schemas.get("Kind").get("enum")).extracting(JsonNode::asString).containsExactly("BOOK", "PEN");
		assertThat(schemas.get("Item").get("properties").get("date").get("format").asString()).isEqualTo("date");
		assertThat(schemas.get("PageOfEntry").get("properties").get("items").get("items").get("$ref").asString())
			.isEqualTo("#/components/schemas/Entry");
	}

	@Test
	void describesDeclaredExceptionsAsErrorsVoidAsNullAndDeprecation() {
		JsonNode document = document();
		JsonNode remove = method(document, "catalog:2.remove");
		assertThat(remove.get("result").get("schema").get("type").asString()).isEqualTo("null");
		assertThat(remove.get("errors")).singleElement().satisfies((error) -> {
			assertThat(error.get("code").asInt()).isEqualTo(RpcErrorCodes.APPLICATION_ERROR);
			assertThat(error.get("message").asString()).isEqualTo("NotFound");
			assertThat(error.get("data").get("exceptionTypeName").asString()).isEqualTo(NotFound.class.getName());
		});
		JsonNode list = method(document, "catalog:2.list");
		assertThat(list.get("deprecated").asBoolean()).isTrue();
		assertThat(list.get("params").get(0).get("schema").get("oneOf").get(0).get("$ref").asString())
			.as("an Optional may be null").isEqualTo("#/components/schemas/Kind");
		assertThat(method(document, "catalog:2.find").has("deprecated")).isFalse();
	}

	@Test
	void theDocumentIsValidAgainstTheOpenRpcMetaSchema() throws Exception {
		JsonNode document = document();
		try (InputStream metaSchema = OpenRpcTests.class.getResourceAsStream("/openrpc/meta-schema.json")) {
			assertThat(OpenRpcMetaSchema.errors(metaSchema, document.toString())).isEmpty();
		}
	}

	@Test
	void theMetaSchemaCheckCanFail() throws Exception {
		JsonMapper mapper = JsonMapper.builder().build();
		String broken = "{\"openrpc\":\"1.3.2\",\"info\":{\"title\":\"x\"},\"methods\":[{\"name\":\"m\"}]}";
		try (InputStream metaSchema = OpenRpcTests.class.getResourceAsStream("/openrpc/meta-schema.json")) {
			assertThat(OpenRpcMetaSchema.errors(metaSchema, mapper.readTree(broken).toString())).isNotEmpty();
		}
	}

	@Test
	void turnedOffRpcDiscoverIsAnUnknownMethod() {
		JsonNode response = discover(RpcServer.builder().addService(Greeter.class, new DefaultGreeter()).discovery(false));
		assertThat(response.get("error").get("code").asInt()).isEqualTo(RpcErrorCodes.METHOD_NOT_FOUND);
	}

}
