package dev.jrpc.internal.server;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import dev.jrpc.RpcErrorCodes;
import dev.jrpc.RpcJsonMapper;
import dev.jrpc.testing.DefaultGreeter;
import dev.jrpc.testing.Greeter;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class RequestReaderTests {

	private static final String GREETER = Greeter.class.getName();

	private final JsonMapper mapper = RpcJsonMapper.create(1024);

	private final RequestReader reader = new RequestReader(
			new MethodTable.Builder(this.mapper).add(Greeter.class, new DefaultGreeter(), GREETER, "").build());

	@Test
	void readsACallWhoseParamsComeBeforeItsMethodAndWhoseIdComesLast() {
		InboundRequest.Call call = readCall(
				"{\"params\":[\"Ada\"],\"method\":\"" + GREETER + ".greet\",\"jsonrpc\":\"2.0\",\"id\":7}");
		assertThat(call.method().displayName()).isEqualTo("Greeter.greet");
		assertThat(call.arguments()).containsExactly("Ada");
		assertThat(call.id()).hasToString("7");
		assertThat(call.timeoutMillis()).isEqualTo(-1);
	}

	@Test
	void readsNamedParamsThatComeBeforeTheMethodIntoTheirTypes() {
		InboundRequest.Call call = readCall("{\"params\":{\"date\":\"2024-02-29\",\"name\":\"xyz\"},\"id\":\"x\","
				+ "\"method\":\"" + GREETER + ".item\",\"jsonrpc\":\"2.0\"}");
		assertThat(call.method().displayName()).isEqualTo("Greeter.item");
		assertThat(call.arguments()).containsExactly("xyz", LocalDate.of(2024, 2, 29));
		assertThat(call.id()).hasToString("\"x\"");
	}

	@Test
	void readsEveryMemberWhateverItsPlace() {
		InboundRequest.Call call = readCall("{\"timeout\":250,\"id\":3,\"params\":[2,3],\"unknown\":{\"a\":[1]},"
				+ "\"method\":\"" + GREETER + ".add\",\"jsonrpc\":\"2.0\"}");
		assertThat(call.method().displayName()).isEqualTo("Greeter.add");
		assertThat(call.arguments()).containsExactly(2, 3);
		assertThat(call.id()).hasToString("3");
		assertThat(call.timeoutMillis()).isEqualTo(250);
	}

	@Test
	void answersParamsBeforeAnUnknownMethodWithMethodNotFoundAndTheIdThatCameLast() {
		InboundRequest.Invalid invalid = readInvalid(
				"{\"params\":[1],\"jsonrpc\":\"2.0\",\"method\":\"" + GREETER + ".shout\",\"id\":9}");
		assertThat(invalid.code()).isEqualTo(RpcErrorCodes.METHOD_NOT_FOUND);
		assertThat(invalid.id()).hasToString("9");
	}

	@Test
	void answersParamsOfTheWrongTypeBeforeTheMethodWithInvalidParamsAndTheIdThatCameLast() {
		InboundRequest.Invalid invalid = readInvalid(
				"{\"params\":[\"two\",3],\"jsonrpc\":\"2.0\",\"method\":\"" + GREETER + ".add\",\"id\":9}");
		assertThat(invalid.code()).isEqualTo(RpcErrorCodes.INVALID_PARAMS);
		assertThat(invalid.message()).contains("Greeter.add");
		assertThat(invalid.id()).hasToString("9");
	}

	@Test
	void answersATextBrokenAfterItsParamsWithAParseError() {
		InboundRequest.Invalid invalid = readInvalid(
				"{\"params\":[\"Ada\"],\"method\":\"" + GREETER + ".greet\",\"id\":9,\"jsonrpc\":");
		assertThat(invalid.code()).isEqualTo(RpcErrorCodes.PARSE_ERROR);
		assertThat(invalid.id()).hasToString("null");
	}

	private InboundRequest read(String json) {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		return this.reader.read(() -> this.mapper.createParser(bytes));
	}

	@Test
	void refusesAMemberThatComesTwiceSoThatParamsAreNeverBoundToAnotherMethod() {
		// Found by ServerInputFuzzTests: params read for one method, then a second method.
		InboundRequest.Invalid invalid = readInvalid("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"nowhere\",\"params\":{},"
				+ "\"method\":\"" + GREETER + ".item\"}");
		assertThat(invalid.code()).isEqualTo(RpcErrorCodes.INVALID_REQUEST);
		assertThat(invalid.message()).contains("\"method\" appears more than once");
		assertThat(invalid.id()).hasToString("1");

		assertThat(readInvalid("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + GREETER + ".greet\",\"params\":[\"a\"],"
				+ "\"params\":[\"b\"]}").message()).contains("\"params\" appears more than once");
		assertThat(readInvalid("{\"jsonrpc\":\"2.0\",\"id\":1,\"id\":2,\"method\":\"" + GREETER + ".greet\",\"params\":[\"a\"]}")
			.id()).hasToString("null");
		assertThat(readInvalid("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\",\"method\":\"rpc.ping\"}").code())
			.as("a ping named twice is no ping").isEqualTo(RpcErrorCodes.INVALID_REQUEST);
		assertThat(readInvalid("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + GREETER + ".add\",\"params\":[1,2],"
				+ "\"params\":[\"not a number\"]}").code()).as("the second params is not bound")
			.isEqualTo(RpcErrorCodes.INVALID_REQUEST);
	}

	private InboundRequest.Call readCall(String json) {
		InboundRequest request = read(json);
		assertThat(request).isInstanceOf(InboundRequest.Call.class);
		return (InboundRequest.Call) request;
	}

	private InboundRequest.Invalid readInvalid(String json) {
		InboundRequest request = read(json);
		assertThat(request).isInstanceOf(InboundRequest.Invalid.class);
		return (InboundRequest.Invalid) request;
	}

}
