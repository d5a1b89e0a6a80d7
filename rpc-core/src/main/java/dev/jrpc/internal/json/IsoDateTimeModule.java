package dev.jrpc.internal.json;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.annotation.JsonFormat;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ext.javatime.deser.LocalDateDeserializer;
import tools.jackson.databind.ext.javatime.deser.LocalDateTimeDeserializer;
import tools.jackson.databind.ext.javatime.ser.LocalDateSerializer;
import tools.jackson.databind.ext.javatime.ser.LocalDateTimeSerializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Jackson's own {@link LocalDate} and {@link LocalDateTime} serializers and deserializers, with a
 * fast path for their default ISO-8601 layout through {@link IsoDateTimes}. The text on the wire
 * is the same; anything else (a {@code @JsonFormat}, timestamps, an unusual layout, an error) takes
 * Jackson's path.
 */
public final class IsoDateTimeModule extends SimpleModule {

	public IsoDateTimeModule() {
		super("jrpc-iso-date-time");
		addSerializer(LocalDate.class, new DateSerializer());
		addSerializer(LocalDateTime.class, new DateTimeSerializer());
		addDeserializer(LocalDate.class, new DateDeserializer());
		addDeserializer(LocalDateTime.class, new DateTimeDeserializer());
	}

	/*
	 * Jackson gives every property its own copy of a deserializer too, made by withDateFormat,
	 * withLeniency or withShape; the overrides make those copies of these classes, and the fast
	 * path serves them while they keep the ISO formatter.
	 */

	private static final class DateDeserializer extends LocalDateDeserializer {

		DateDeserializer() {
			super(DateTimeFormatter.ISO_LOCAL_DATE);
		}

		private DateDeserializer(DateDeserializer base, DateTimeFormatter formatter) {
			super(base, formatter);
		}

		private DateDeserializer(DateDeserializer base, Boolean leniency) {
			super(base, leniency);
		}

		private DateDeserializer(DateDeserializer base, JsonFormat.Shape shape) {
			super(base, shape);
		}

		@Override
		protected DateDeserializer withDateFormat(DateTimeFormatter formatter) {
			return new DateDeserializer(this, formatter);
		}

		@Override
		protected DateDeserializer withLeniency(Boolean leniency) {
			return new DateDeserializer(this, leniency);
		}

		@Override
		protected DateDeserializer withShape(JsonFormat.Shape shape) {
			return new DateDeserializer(this, shape);
		}

		@Override
		public LocalDate deserialize(JsonParser parser, DeserializationContext context) {
			if (this._formatter == DateTimeFormatter.ISO_LOCAL_DATE && parser.hasToken(JsonToken.VALUE_STRING)) {
				LocalDate date = IsoDateTimes.parseDate(parser.getStringCharacters(), parser.getStringOffset(),
						parser.getStringLength());
				if (date != null) {
					return date;
				}
			}
			return super.deserialize(parser, context);
		}

	}

	private static final class DateTimeDeserializer extends LocalDateTimeDeserializer {

		DateTimeDeserializer() {
			super(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
		}

		private DateTimeDeserializer(DateTimeDeserializer base, Boolean leniency) {
			super(base, leniency);
		}

		private DateTimeDeserializer(DateTimeDeserializer base, DateTimeFormatter formatter) {
			super(base, base._isLenient, formatter, base._shape, base._readTimestampsAsNanosOverride);
		}

		@Override
		protected DateTimeDeserializer withDateFormat(DateTimeFormatter formatter) {
			return new DateTimeDeserializer(this, formatter);
		}

		@Override
		protected DateTimeDeserializer withLeniency(Boolean leniency) {
			return new DateTimeDeserializer(this, leniency);
		}

		@Override
		public LocalDateTime deserialize(JsonParser parser, DeserializationContext context) {
			if (this._formatter == DateTimeFormatter.ISO_LOCAL_DATE_TIME && parser.hasToken(JsonToken.VALUE_STRING)) {
				LocalDateTime value = IsoDateTimes.parseDateTime(parser.getStringCharacters(),
						parser.getStringOffset(), parser.getStringLength());
				if (value != null) {
					return value;
				}
			}
			return super.deserialize(parser, context);
		}

	}

	/*
	 * Jackson gives every property its own copy of a serializer, made by withFormat (and
	 * withFeatures); the overrides make those copies of this class, or the fast path would serve
	 * root values only.
	 */

	private static final class DateSerializer extends LocalDateSerializer {

		DateSerializer() {
			super();
		}

		private DateSerializer(DateSerializer base, @Nullable DateTimeFormatter formatter,
				@Nullable Boolean useTimestamp, JsonFormat.@Nullable Shape shape) {
			super(base, formatter, useTimestamp, shape);
		}

		@Override
		protected DateSerializer withFormat(@Nullable DateTimeFormatter formatter, @Nullable Boolean useTimestamp,
				JsonFormat.@Nullable Shape shape) {
			return new DateSerializer(this, formatter, useTimestamp, shape);
		}

		@Override
		public void serialize(LocalDate value, JsonGenerator generator, SerializationContext context) {
			if (!isIsoText(this._formatter, this._shape, useTimestamp(context)) || !writeIso(generator, value)) {
				super.serialize(value, generator, context);
			}
		}

	}

	private static final class DateTimeSerializer extends LocalDateTimeSerializer {

		DateTimeSerializer() {
			super();
		}

		private DateTimeSerializer(DateTimeSerializer base, @Nullable DateTimeFormatter formatter,
				@Nullable Boolean useTimestamp, @Nullable Boolean useNanoseconds) {
			super(base, formatter, useTimestamp, useNanoseconds);
		}

		@Override
		protected DateTimeSerializer withFormat(@Nullable DateTimeFormatter formatter, @Nullable Boolean useTimestamp,
				JsonFormat.@Nullable Shape shape) {
			return new DateTimeSerializer(this, formatter, useTimestamp, this._useNanoseconds);
		}

		@Override
		protected DateTimeSerializer withFeatures(@Nullable Boolean writeZoneId, @Nullable Boolean writeNanoseconds) {
			return new DateTimeSerializer(this, this._formatter, this._useTimestamp, writeNanoseconds);
		}

		@Override
		public void serialize(LocalDateTime value, JsonGenerator generator, SerializationContext context) {
			if (!isIsoText(this._formatter, this._shape, useTimestamp(context)) || !writeIso(generator, value)) {
				super.serialize(value, generator, context);
			}
		}

	}

	/** Whether Jackson would write the default ISO-8601 text: no pattern, no timestamp, no other shape. */
	private static boolean isIsoText(@Nullable DateTimeFormatter formatter, JsonFormat.@Nullable Shape shape,
			boolean useTimestamp) {
		return formatter == null && !useTimestamp
				&& (shape == null || shape == JsonFormat.Shape.ANY || shape == JsonFormat.Shape.STRING);
	}

	/** Writes {@code value} by hand; false, having written nothing, when it is not for the fast path. */
	private static boolean writeIso(JsonGenerator generator, LocalDate value) {
		char[] text = new char[IsoDateTimes.MAX_LENGTH];
		return write(generator, text, IsoDateTimes.format(value, text));
	}

	private static boolean writeIso(JsonGenerator generator, LocalDateTime value) {
		char[] text = new char[IsoDateTimes.MAX_LENGTH];
		return write(generator, text, IsoDateTimes.format(value, text));
	}

	private static boolean write(JsonGenerator generator, char[] text, int length) {
		if (length < 0) {
			return false;
		}
		generator.writeString(text, 0, length);
		return true;
	}

}
