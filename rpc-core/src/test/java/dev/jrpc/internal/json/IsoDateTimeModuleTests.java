package dev.jrpc.internal.json;

import java.io.StringWriter;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import com.fasterxml.jackson.annotation.JsonFormat;
import dev.jrpc.RpcJsonMapper;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.util.JsonGeneratorDelegate;
import tools.jackson.core.util.JsonParserDelegate;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The hand-written date codecs against Jackson's own: the same text out, the same values in, for
 * the edges and for many random values; other layouts still read through Jackson's path.
 */
class IsoDateTimeModuleTests {

	private final JsonMapper fast = RpcJsonMapper.create(1024);

	private final JsonMapper plain = JsonMapper.builder().build();

	@Test
	void writesTheSameTextAsJacksonAndReadsItBack() {
		for (LocalDateTime value : samples()) {
			String expected = '"' + DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(value) + '"';
			assertThat(this.fast.writeValueAsString(value)).isEqualTo(expected)
				.isEqualTo(this.plain.writeValueAsString(value));
			assertThat(this.fast.readValue(expected, LocalDateTime.class)).isEqualTo(value);
			LocalDate date = value.toLocalDate();
			String dateText = '"' + DateTimeFormatter.ISO_LOCAL_DATE.format(date) + '"';
			assertThat(this.fast.writeValueAsString(date)).isEqualTo(dateText)
				.isEqualTo(this.plain.writeValueAsString(date));
			assertThat(this.fast.readValue(dateText, LocalDate.class)).isEqualTo(date);
		}
	}

	@Test
	void beanPropertiesTakeTheFastPathUnlessTheyAskForAnotherFormat() {
		// Jackson makes a serializer per property; each must still be the fast one. The fast path
		// writes characters, Jackson's a String.
		List<String> written = new ArrayList<>();
		StringWriter out = new StringWriter();
		try (JsonGenerator generator = new JsonGeneratorDelegate(this.fast.createGenerator(out)) {
			@Override
			public JsonGenerator writeString(char[] text, int offset, int length) {
				written.add("fast " + new String(text, offset, length));
				return super.writeString(text, offset, length);
			}

			@Override
			public JsonGenerator writeString(String text) {
				written.add("jackson " + text);
				return super.writeString(text);
			}
		}) {
			this.fast.writeValue(generator, new Stamped(LocalDate.of(2026, 11, 24),
					LocalDateTime.of(2026, 11, 24, 10, 15, 30), LocalDate.of(2026, 11, 24)));
		}
		assertThat(written).containsExactlyInAnyOrder("fast 2026-11-24", "fast 2026-11-24T10:15:30",
				"jackson 24.11.2026");
		assertThat(out.toString()).contains("\"day\":\"2026-11-24\"", "\"at\":\"2026-11-24T10:15:30\"",
				"\"formatted\":\"24.11.2026\"");
	}

	@Test
	void beanPropertiesAreReadOnTheFastPathUnlessTheyAskForAnotherFormat() {
		// Jackson makes a deserializer per property too. The fast path reads the parser's
		// characters, Jackson's path its String.
		List<String> read = new ArrayList<>();
		String json = "{\"day\":\"2026-11-24\",\"at\":\"2026-11-24T10:15:30\",\"formatted\":\"24.11.2026\"}";
		Stamped stamped;
		try (JsonParser parser = new JsonParserDelegate(this.fast.createParser(json)) {
			@Override
			public char[] getStringCharacters() {
				read.add("fast " + currentName());
				return super.getStringCharacters();
			}

			@Override
			public String getString() {
				read.add("jackson " + currentName());
				return super.getString();
			}
		}) {
			stamped = this.fast.readValue(parser, Stamped.class);
		}
		assertThat(stamped).isEqualTo(new Stamped(LocalDate.of(2026, 11, 24), LocalDateTime.of(2026, 11, 24, 10, 15, 30),
				LocalDate.of(2026, 11, 24)));
		assertThat(read).contains("fast day", "fast at", "jackson formatted").doesNotContain("jackson day", "jackson at");
	}

	@Test
	void readsTheShorterLayoutsJacksonAccepts() {
		assertThat(this.fast.readValue("\"2026-11-24T10:15\"", LocalDateTime.class))
			.isEqualTo(LocalDateTime.of(2026, 11, 24, 10, 15));
		assertThat(this.fast.readValue("\"2026-11-24T10:15:30.5\"", LocalDateTime.class))
			.isEqualTo(LocalDateTime.of(2026, 11, 24, 10, 15, 30, 500_000_000));
	}

	@Test
	void leavesYearsBeyondFourDigitsAndOtherLayoutsToJackson() {
		LocalDateTime far = LocalDateTime.of(12345, 1, 2, 3, 4, 5);
		String text = this.fast.writeValueAsString(far);
		assertThat(text).isEqualTo(this.plain.writeValueAsString(far));
		assertThat(this.fast.readValue(text, LocalDateTime.class)).isEqualTo(far);
		assertThat(this.fast.readValue("\"-0001-01-01\"", LocalDate.class)).isEqualTo(LocalDate.of(-1, 1, 1));
	}

	@Test
	void reportsAnInvalidDateAsJacksonDoes() {
		assertThatThrownBy(() -> this.fast.readValue("\"2026-02-30\"", LocalDate.class))
			.hasMessageContaining("2026-02-30");
		assertThatThrownBy(() -> this.fast.readValue("\"2026-11-24T25:00:00\"", LocalDateTime.class))
			.hasMessageContaining("2026-11-24T25:00:00");
	}

	record Stamped(LocalDate day, LocalDateTime at, @JsonFormat(pattern = "dd.MM.yyyy") LocalDate formatted) {
	}

	private static List<LocalDateTime> samples() {
		List<LocalDateTime> samples = new ArrayList<>(List.of(LocalDateTime.of(0, 1, 1, 0, 0),
				LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_999), LocalDateTime.of(2024, 2, 29, 12, 0),
				LocalDateTime.of(2026, 11, 24, 10, 15, 30, 100), LocalDateTime.of(2026, 11, 24, 10, 15, 30, 120_000_000)));
		SplittableRandom random = new SplittableRandom(42);
		for (int i = 0; i < 2000; i++) {
			LocalDate day = LocalDate.ofEpochDay(random.nextLong(LocalDate.of(0, 1, 1).toEpochDay(),
					LocalDate.of(9999, 12, 31).toEpochDay()));
			int nanos = switch (i % 4) {
				case 0 -> 0;
				case 1 -> random.nextInt(1000) * 1_000_000;
				case 2 -> random.nextInt(1_000_000) * 1000;
				default -> random.nextInt(1_000_000_000);
			};
			samples.add(day.atTime(random.nextInt(24), random.nextInt(60), random.nextInt(60), nanos));
		}
		return samples;
	}

}
