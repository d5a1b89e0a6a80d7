package dev.jrpc.internal.protocol;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.jrpc.testing.FuzzInput;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Tag;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of both frame decoders with Jazzer: whatever bytes arrive, cut into
 * whatever reads, a decoder hands on frames within its limit, taken from the bytes it was given,
 * or refuses the stream with the exception it documents; nothing else may escape it. In
 * {@code ./mvnw verify} each test replays its corpus in {@code src/test/resources}; the README
 * shows how to fuzz.
 */
@Tag("fuzz")
class FrameDecoderFuzzTests {

	private static final int MAX = 4096;

	@FuzzTest
	void nativeFrames(byte[] input) {
		decode(new EmbeddedChannel(new NativeFrameDecoder(MAX)), input, Framing.HEADER_LENGTH);
	}

	@FuzzTest
	void jsonStream(byte[] input) {
		decode(new EmbeddedChannel(new JsonStreamFrameDecoder(MAX)), input, 0);
	}

	private static void decode(EmbeddedChannel channel, byte[] input, int overhead) {
		long[] handedOn = { 0 };
		FuzzInput.decode(channel, input, (frame) -> {
			assertThat(frame.readableBytes()).as("a frame's size").isLessThanOrEqualTo(MAX);
			handedOn[0] += overhead + frame.readableBytes();
		});
		assertThat(handedOn[0]).as("bytes handed on").isLessThanOrEqualTo(input.length);
	}

}
