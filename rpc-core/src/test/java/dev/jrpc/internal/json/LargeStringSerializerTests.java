package dev.jrpc.internal.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.jrpc.RpcJsonMapper;
import org.junit.jupiter.api.Test;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The fast path writes exactly what Jackson writes, for every kind of string around its limits. */
class LargeStringSerializerTests {

	private final JsonMapper jrpc = RpcJsonMapper.create(64 * 1024 * 1024);

	private final JsonMapper jackson = JsonMapper.builder().build();

	@Test
	void writesTheSameJsonAsJacksonForEveryKindOfString() {
		List<String> strings = new ArrayList<>();
		Random random = new Random(42);
		for (int length : new int[] { 0, 1, 7, 8, 9, 511, 512, 513, 519, 520, 521, 4096, 262_144 }) {
			strings.add(ascii(random, length, 0x20, 0x7f));
			strings.add(ascii(random, length, 0x00, 0x80));
			for (char special : new char[] { '"', '\\', '\n', '\u0000', '\u001f', '\u007f', '\u00e9', '\u2713' }) {
				if (length > 0) {
					for (int at : new int[] { 0, length / 2, length - 1 }) {
						StringBuilder text = new StringBuilder(ascii(random, length, 0x20, 0x7f));
						text.setCharAt(at, special);
						strings.add(text.toString());
					}
				}
			}
			strings.add("\uD83D\uDE00".repeat(Math.max(1, length / 2)));
		}
		for (String string : strings) {
			assertThat(this.jrpc.writeValueAsString(string)).as("length %d", string.length())
				.isEqualTo(this.jackson.writeValueAsString(string));
			assertThat(this.jrpc.writeValueAsString(Map.of("value", List.of(string))))
				.isEqualTo(this.jackson.writeValueAsString(Map.of("value", List.of(string))));
		}
	}

	@Test
	void aGeneratorOverAWriterTakesJacksonsPath() {
		String string = "0123456789abcdef".repeat(64);
		java.io.StringWriter out = new java.io.StringWriter();
		this.jrpc.writeValue(out, string);
		assertThat(out.toString()).isEqualTo(this.jackson.writeValueAsString(string));
	}

	@Test
	void aMapperSetToEscapeMoreStillEscapesIt() {
		String path = "/a/b".repeat(256);
		JsonMapper escaping = RpcJsonMapper.builder(1024 * 1024).enable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES).build();
		assertThat(escaping.writeValueAsString(path)).isEqualTo(
				JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES).build().writeValueAsString(path))
			.contains("\\/");
	}

	private static String ascii(Random random, int length, int from, int to) {
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append((char) (from + random.nextInt(to - from)));
		}
		return text.toString();
	}

}
