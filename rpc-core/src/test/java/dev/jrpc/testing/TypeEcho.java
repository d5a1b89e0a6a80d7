package dev.jrpc.testing;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A service interface for type fidelity tests: one method per type, each returning the argument it
 * was given.
 */
public interface TypeEcho {

	boolean echoBoolean(boolean value);

	Boolean echoBoxedBoolean(Boolean value);

	byte echoByte(byte value);

	Byte echoBoxedByte(Byte value);

	short echoShort(short value);

	Short echoBoxedShort(Short value);

	int echoInt(int value);

	Integer echoInteger(Integer value);

	long echoLong(long value);

	Long echoBoxedLong(Long value);

	float echoFloat(float value);

	Float echoBoxedFloat(Float value);

	double echoDouble(double value);

	Double echoBoxedDouble(Double value);

	char echoChar(char value);

	Character echoCharacter(Character value);

	String echoString(String value);

	BigDecimal echoBigDecimal(BigDecimal value);

	BigInteger echoBigInteger(BigInteger value);

	Instant echoInstant(Instant value);

	LocalDate echoLocalDate(LocalDate value);

	LocalDateTime echoLocalDateTime(LocalDateTime value);

	OffsetDateTime echoOffsetDateTime(OffsetDateTime value);

	Duration echoDuration(Duration value);

	UUID echoUuid(UUID value);

	Color echoEnum(Color value);

	Optional<String> echoOptional(Optional<String> value);

	Optional<Item> echoOptionalItem(Optional<Item> value);

	Item echoItem(Item value);

	Line echoLine(Line value);

	Account echoAccount(Account value);

	byte[] echoBytes(byte[] value);

	int[] echoInts(int[] value);

	String[] echoStrings(String[] value);

	Item[] echoItemArray(Item[] value);

	List<Item> echoItemList(List<Item> value);

	Set<Item> echoItemSet(Set<Item> value);

	Map<String, List<Item>> echoItemsByName(Map<String, List<Item>> value);

	Page<Item> echoPage(Page<Item> value);

	Shape echoShape(Shape value);

	List<Shape> echoShapes(List<Shape> value);

	/** Takes a value and answers nothing. */
	void accept(String value);

	/** Answers null. */
	Item nothing();

	enum Color {

		RED, GREEN, BLUE

	}

	record Item(String name, BigDecimal price) {
	}

	record Point(int x, int y) {
	}

	/** A record holding records. */
	record Line(Point from, Point to, List<Point> via) {
	}

	/** A generic wrapper, used with a concrete type argument. */
	record Page<T>(int pageNo, int total, List<T> result) {
	}

	/** A closed set of shapes, each sent with its declared name. */
	@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
	@JsonSubTypes({ @JsonSubTypes.Type(value = Circle.class, name = "circle"),
			@JsonSubTypes.Type(value = Square.class, name = "square") })
	sealed interface Shape permits Circle, Square {

	}

	record Circle(double radius) implements Shape {
	}

	record Square(double side) implements Shape {
	}

	/** A plain class with getters and setters. */
	final class Account {

		private String owner;

		private long balance;

		private List<String> tags;

		public Account() {
		}

		public Account(String owner, long balance, List<String> tags) {
			this.owner = owner;
			this.balance = balance;
			this.tags = tags;
		}

		public String getOwner() {
			return this.owner;
		}

		public void setOwner(String owner) {
			this.owner = owner;
		}

		public long getBalance() {
			return this.balance;
		}

		public void setBalance(long balance) {
			this.balance = balance;
		}

		public List<String> getTags() {
			return this.tags;
		}

		public void setTags(List<String> tags) {
			this.tags = tags;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Account that && Objects.equals(this.owner, that.owner)
					&& this.balance == that.balance && Objects.equals(this.tags, that.tags);
		}

		@Override
		public int hashCode() {
			return Objects.hash(this.owner, this.balance, this.tags);
		}

		@Override
		public String toString() {
			return "Account[owner=" + this.owner + ", balance=" + this.balance + ", tags=" + this.tags + "]";
		}

	}

}
