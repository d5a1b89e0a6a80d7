package dev.jrpc.internal.json;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;

import org.jspecify.annotations.Nullable;

/**
 * Reads and writes {@link LocalDate} and {@link LocalDateTime} in the ISO-8601 layouts that
 * {@code DateTimeFormatter.ISO_LOCAL_DATE} and {@code ISO_LOCAL_DATE_TIME} use, by hand: the
 * formatters build maps and intermediate objects for every value, which made dates most of what a
 * client allocated to read a page of records. Only the common layout, years 0000 to 9999, is
 * handled here; for anything else the readers return null and the writers -1, and the caller
 * falls back to the formatter, which also reports errors.
 */
final class IsoDateTimes {

	/** Longest text written: {@code yyyy-MM-ddTHH:mm:ss.nnnnnnnnn}. */
	static final int MAX_LENGTH = 29;

	private IsoDateTimes() {
	}

	/** {@code yyyy-MM-dd}, or null when the text is not exactly that. */
	static @Nullable LocalDate parseDate(char[] text, int offset, int length) {
		if (length != 10) {
			return null;
		}
		return date(text, offset);
	}

	/**
	 * {@code yyyy-MM-ddTHH:mm}, optionally followed by {@code :ss} and a fraction of 1 to 9 digits;
	 * null when the text is not of that layout or not a valid date and time.
	 */
	static @Nullable LocalDateTime parseDateTime(char[] text, int offset, int length) {
		if (length < 16 || text[offset + 10] != 'T') {
			return null;
		}
		LocalDate date = date(text, offset);
		int hour = digits(text, offset + 11, 2);
		int minute = digits(text, offset + 14, 2);
		if (date == null || hour < 0 || text[offset + 13] != ':' || minute < 0) {
			return null;
		}
		int second = 0;
		int nanos = 0;
		if (length > 16) {
			if (length < 19 || text[offset + 16] != ':' || (second = digits(text, offset + 17, 2)) < 0) {
				return null;
			}
			if (length > 19) {
				int fraction = length - 20;
				if (text[offset + 19] != '.' || fraction < 1 || fraction > 9
						|| (nanos = digits(text, offset + 20, fraction)) < 0) {
					return null;
				}
				for (int i = fraction; i < 9; i++) {
					nanos *= 10;
				}
			}
		}
		try {
			return LocalDateTime.of(date.getYear(), date.getMonthValue(), date.getDayOfMonth(), hour, minute, second,
					nanos);
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	/** Writes {@code date} as {@code yyyy-MM-dd}; its length, or -1 for a year outside 0000 to 9999. */
	static int format(LocalDate date, char[] out) {
		int year = date.getYear();
		if (year < 0 || year > 9999) {
			return -1;
		}
		put(out, 0, year, 4);
		out[4] = '-';
		put(out, 5, date.getMonthValue(), 2);
		out[7] = '-';
		put(out, 8, date.getDayOfMonth(), 2);
		return 10;
	}

	/**
	 * Writes {@code value} as {@code yyyy-MM-ddTHH:mm:ss}, with the fraction of a second when it is
	 * not zero, trailing zeros dropped, as {@code ISO_LOCAL_DATE_TIME} does; its length, or -1 for a
	 * year outside 0000 to 9999.
	 */
	static int format(LocalDateTime value, char[] out) {
		if (format(value.toLocalDate(), out) < 0) {
			return -1;
		}
		out[10] = 'T';
		put(out, 11, value.getHour(), 2);
		out[13] = ':';
		put(out, 14, value.getMinute(), 2);
		out[16] = ':';
		put(out, 17, value.getSecond(), 2);
		int nanos = value.getNano();
		if (nanos == 0) {
			return 19;
		}
		int digits = 9;
		while (nanos % 10 == 0) {
			nanos /= 10;
			digits--;
		}
		out[19] = '.';
		put(out, 20, nanos, digits);
		return 20 + digits;
	}

	private static @Nullable LocalDate date(char[] text, int offset) {
		int year = digits(text, offset, 4);
		int month = digits(text, offset + 5, 2);
		int day = digits(text, offset + 8, 2);
		if (year < 0 || text[offset + 4] != '-' || month < 0 || text[offset + 7] != '-' || day < 0) {
			return null;
		}
		try {
			return LocalDate.of(year, month, day);
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	/** The value of {@code count} decimal digits, or -1 when one of them is not a digit. */
	private static int digits(char[] text, int offset, int count) {
		int value = 0;
		for (int i = offset; i < offset + count; i++) {
			char c = text[i];
			if (c < '0' || c > '9') {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

	private static void put(char[] out, int offset, int value, int count) {
		for (int i = offset + count - 1; i >= offset; i--) {
			out[i] = (char) ('0' + value % 10);
			value /= 10;
		}
	}

}
