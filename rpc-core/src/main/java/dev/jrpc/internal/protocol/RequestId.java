package dev.jrpc.internal.protocol;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * A request id as the caller sent it, echoed back exactly: a string stays a string, a number keeps
 * its digits, {@code null} stays {@code null}. A request without an id is a notification and has
 * {@link #ABSENT}.
 */
public final class RequestId {

	/** The id of a notification: none was sent. */
	public static final RequestId ABSENT = new RequestId(Kind.ABSENT, 0, null);

	/** An explicit {@code null} id, also used when a request's id could not be read. */
	public static final RequestId NULL = new RequestId(Kind.NULL, 0, null);

	private enum Kind {

		ABSENT, NULL, LONG, STRING, RAW_NUMBER

	}

	private final Kind kind;

	private final long number;

	private final @Nullable String text;

	private RequestId(Kind kind, long number, @Nullable String text) {
		this.kind = kind;
		this.number = number;
		this.text = text;
	}

	public static RequestId of(long id) {
		return new RequestId(Kind.LONG, id, null);
	}

	/**
	 * Reads the id at the parser's current token, or returns {@code null} when the token cannot be an
	 * id (an object, an array or a boolean).
	 */
	public static @Nullable RequestId read(JsonParser parser) {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.VALUE_NULL) {
			return NULL;
		}
		if (token == JsonToken.VALUE_STRING) {
			return new RequestId(Kind.STRING, 0, parser.getString());
		}
		if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
			return of(parser.getLongValue());
		}
		if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
			return new RequestId(Kind.RAW_NUMBER, 0, parser.getString());
		}
		if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
			parser.skipChildren();
		}
		return null;
	}

	/** The id as a number, when the caller sent one that fits a {@code long}; else {@code fallback}. */
	public long longValue(long fallback) {
		return (this.kind == Kind.LONG) ? this.number : fallback;
	}

	/** Whether this is a notification's id, to which no response is sent. */
	public boolean isAbsent() {
		return this.kind == Kind.ABSENT;
	}

	/** Writes the id as a value; {@link #ABSENT} is written as {@code null}. */
	public void write(JsonGenerator generator) {
		switch (this.kind) {
			case LONG -> generator.writeNumber(this.number);
			case STRING -> generator.writeString(this.text);
			case RAW_NUMBER -> generator.writeNumber(this.text);
			default -> generator.writeNull();
		}
	}

	@Override
	public String toString() {
		return switch (this.kind) {
			case ABSENT -> "(none)";
			case NULL -> "null";
			case LONG -> Long.toString(this.number);
			case STRING -> '"' + this.text + '"';
			case RAW_NUMBER -> String.valueOf(this.text);
		};
	}

}
