package dev.jrpc.internal.server;

import java.time.Duration;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.jrpc.RpcJsonMapper;
import dev.jrpc.internal.json.ByteBufJson;
import dev.jrpc.testing.DefaultGreeter;
import dev.jrpc.testing.FuzzInput;
import dev.jrpc.testing.Greeter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Tag;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing with Jazzer of what the server makes of a peer's first bytes and of
 * each message: the protocol detector chooses a framing or refuses the connection, and the
 * request reader turns any message into a call, a ping or an invalid request to answer, never an
 * exception. In {@code ./mvnw verify} each test replays its corpus in {@code src/test/resources};
 * the README shows how to fuzz.
 */
@Tag("fuzz")
class ServerInputFuzzTests {

	private static final int MAX = 4096;

	private static final JsonMapper mapper = RpcJsonMapper.create(MAX);

	private static final RequestReader reader = new RequestReader(new MethodTable.Builder(mapper)
		.add(Greeter.class, new DefaultGreeter(), Greeter.class.getName(), "")
		.build());

	@FuzzTest
	void protocolDetector(byte[] input) {
		EmbeddedChannel channel = new EmbeddedChannel();
		channel.freezeTime();
		// As the server does: the detector puts the framing it chose behind itself.
		channel.pipeline()
			.addLast("detector", new ProtocolDetector(
					(framing) -> channel.pipeline().addLast("framer", framing.newDecoder(MAX)), Duration.ofSeconds(10)));
		FuzzInput.decode(channel, input,
				(message) -> assertThat(message.readableBytes()).isLessThanOrEqualTo(MAX));
	}

	@FuzzTest
	void requestReader(byte[] input) {
		ByteBuf message = Unpooled.wrappedBuffer(input);
		InboundRequest request = reader.read(() -> ByteBufJson.parser(mapper, message));
		assertThat(request).isNotNull();
		if (request instanceof InboundRequest.Call call) {
			assertThat(call.arguments()).hasSize(call.method().parameterCount());
		}
	}

}
