package dev.jrpc;

import dev.jrpc.internal.json.IsoDateTimeModule;
import dev.jrpc.internal.json.LargeStringDeserializer;
import dev.jrpc.internal.json.LargeStringSerializer;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The JSON mapper jrpc uses on both sides, with settings chosen for a wire protocol:
 * <ul>
 * <li>no default typing: the wire never chooses a Java class; polymorphism only through type
 * names declared on the application's own types ({@code @JsonTypeInfo(use = NAME)});</li>
 * <li>unknown properties ignored, so an older client and a newer server still talk;</li>
 * <li>{@code null} for a primitive parameter is an error, not a silent zero;</li>
 * <li>{@code java.time} values as ISO-8601 strings, read back with the offset they were written
 * with: an {@code OffsetDateTime} at +05:30 arrives at +05:30, not moved to UTC;
 * {@code LocalDate} and {@code LocalDateTime} read and written by hand in their default layout,
 * several times faster than through a {@code DateTimeFormatter}, with the same text;</li>
 * <li>long strings that need no escaping written in one copy ({@code LargeStringSerializer}), the
 * same JSON as Jackson writes, and long strings of plain ASCII read straight from large frames
 * ({@code LargeStringDeserializer}), the same values as Jackson reads;</li>
 * <li>read constraints: nesting depth 500, strings no longer than the frame limit, numbers of at
 * most 1000 digits.</li>
 * </ul>
 * Start from {@link #builder(long)} to change a setting; never enable default typing.
 */
public final class RpcJsonMapper {

	/** Deepest nesting of objects and arrays a message may have. */
	public static final int MAX_NESTING_DEPTH = 500;

	/** Longest number, in characters, a message may carry. */
	public static final int MAX_NUMBER_LENGTH = 1000;

	private RpcJsonMapper() {
	}

	/** A mapper with jrpc's settings for messages of at most {@code maxMessageBytes}. */
	public static JsonMapper create(long maxMessageBytes) {
		return builder(maxMessageBytes).build();
	}

	/** A builder preset with jrpc's settings for messages of at most {@code maxMessageBytes}. */
	public static JsonMapper.Builder builder(long maxMessageBytes) {
		StreamReadConstraints constraints = StreamReadConstraints.builder()
			.maxNestingDepth(MAX_NESTING_DEPTH)
			.maxNumberLength(MAX_NUMBER_LENGTH)
			.maxStringLength((int) Math.min(Integer.MAX_VALUE, maxMessageBytes))
			.maxDocumentLength(maxMessageBytes)
			.build();
		JsonFactory factory = JsonFactory.builder().streamReadConstraints(constraints).build();
		return JsonMapper.builder(factory)
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
			.disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE)
			.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
			.disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
			.disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
			.addModule(new IsoDateTimeModule())
			.addModule(new SimpleModule("jrpc-strings").addSerializer(String.class, new LargeStringSerializer())
				.addDeserializer(String.class, new LargeStringDeserializer()));
	}

}
