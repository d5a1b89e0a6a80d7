package dev.jrpc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import dev.jrpc.testing.RawClient;
import dev.jrpc.testing.TypeEcho;
import dev.jrpc.testing.TypeEcho.Account;
import dev.jrpc.testing.TypeEcho.Circle;
import dev.jrpc.testing.TypeEcho.Color;
import dev.jrpc.testing.TypeEcho.Item;
import dev.jrpc.testing.TypeEcho.Line;
import dev.jrpc.testing.TypeEcho.Page;
import dev.jrpc.testing.TypeEcho.Point;
import dev.jrpc.testing.TypeEcho.Shape;
import dev.jrpc.testing.TypeEcho.Square;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static dev.jrpc.testing.RawClient.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * Every kind of value a remote interface may declare goes through a real client and server and
 * comes back equal: the service receives exactly what the caller sent, and the caller gets back
 * exactly what the service returned.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TypeRoundTripTests {

	private static final Item APPLE = new Item("apple", new BigDecimal("1.50"));

	private static final Item PEAR = new Item("pear", new BigDecimal("0.333333333333333333333333"));

	private static final AtomicReference<Object[]> received = new AtomicReference<>();

	private static RpcServer server;

	private static RpcClient client;

	private static TypeEcho echo;

	@BeforeAll
	static void start() {
		TypeEcho service = (TypeEcho) Proxy.newProxyInstance(TypeEcho.class.getClassLoader(),
				new Class<?>[] { TypeEcho.class }, new RecordingEcho());
		server = RpcServer.builder().address("127.0.0.1").port(0).addService(TypeEcho.class, service).build();
		server.start();
		client = RpcClient.builder().build();
		echo = client.create(TypeEcho.class, "127.0.0.1:" + server.port());
	}

	@AfterAll
	static void stop() {
		client.close();
		server.stop();
	}

	@BeforeEach
	void forgetWhatTheServiceReceived() {
		received.set(null);
	}

	static Stream<Arguments> values() {
		return Stream.of(
				// Primitives and their boxes.
				row("boolean true", true, TypeEcho::echoBoolean), row("boolean false", false, TypeEcho::echoBoolean),
				row("Boolean", Boolean.TRUE, TypeEcho::echoBoxedBoolean),
				row("Boolean null", (Boolean) null, TypeEcho::echoBoxedBoolean),
				row("byte min", Byte.MIN_VALUE, TypeEcho::echoByte), row("byte max", Byte.MAX_VALUE, TypeEcho::echoByte),
				row("Byte", (byte) -7, TypeEcho::echoBoxedByte), row("Byte null", (Byte) null, TypeEcho::echoBoxedByte),
				row("short min", Short.MIN_VALUE, TypeEcho::echoShort), row("short max", Short.MAX_VALUE, TypeEcho::echoShort),
				row("Short", (short) 1234, TypeEcho::echoBoxedShort),
				row("Short null", (Short) null, TypeEcho::echoBoxedShort),
				row("int min", Integer.MIN_VALUE, TypeEcho::echoInt), row("int max", Integer.MAX_VALUE, TypeEcho::echoInt),
				row("int zero", 0, TypeEcho::echoInt), row("Integer", 42, TypeEcho::echoInteger),
				row("Integer null", (Integer) null, TypeEcho::echoInteger),
				row("long max", Long.MAX_VALUE, TypeEcho::echoLong),
				row("long max - 1", Long.MAX_VALUE - 1, TypeEcho::echoLong),
				row("long min", Long.MIN_VALUE, TypeEcho::echoLong),
				row("long min + 1", Long.MIN_VALUE + 1, TypeEcho::echoLong),
				row("Long beyond 2^53", (1L << 53) + 1, TypeEcho::echoBoxedLong),
				row("Long null", (Long) null, TypeEcho::echoBoxedLong),
				row("float max", Float.MAX_VALUE, TypeEcho::echoFloat),
				row("float min", Float.MIN_VALUE, TypeEcho::echoFloat),
				row("float -0.0", -0.0f, TypeEcho::echoFloat), row("float 0.1", 0.1f, TypeEcho::echoFloat),
				row("Float", 3.14159f, TypeEcho::echoBoxedFloat), row("Float null", (Float) null, TypeEcho::echoBoxedFloat),
				row("double max", Double.MAX_VALUE, TypeEcho::echoDouble),
				row("double min", Double.MIN_VALUE, TypeEcho::echoDouble),
				row("double -0.0", -0.0, TypeEcho::echoDouble), row("double 1e-300", 1e-300, TypeEcho::echoDouble),
				row("double 0.1 + 0.2", 0.1 + 0.2, TypeEcho::echoDouble),
				row("Double", -Math.PI, TypeEcho::echoBoxedDouble),
				row("Double null", (Double) null, TypeEcho::echoBoxedDouble),
				row("char", 'a', TypeEcho::echoChar), row("char non-ASCII", 'é', TypeEcho::echoChar),
				row("char CJK", '日', TypeEcho::echoChar), row("char NUL", '\u0000', TypeEcho::echoChar),
				row("char quote", '"', TypeEcho::echoChar), row("Character", 'ß', TypeEcho::echoCharacter),
				row("Character null", (Character) null, TypeEcho::echoCharacter),
				// Text and numbers of any size.
				row("String non-ASCII and emoji", "héllo wörld ✓ 😀 日本語", TypeEcho::echoString),
				row("String with escapes", "quote \" backslash \\ newline \n tab \t nul \u0000 end", TypeEcho::echoString),
				row("String empty", "", TypeEcho::echoString),
				row("BigDecimal 1.50 keeps its scale", new BigDecimal("1.50"), TypeEcho::echoBigDecimal),
				row("BigDecimal long", new BigDecimal("-123456789012345678901234567890.000001"), TypeEcho::echoBigDecimal),
				row("BigDecimal 0.000", new BigDecimal("0.000"), TypeEcho::echoBigDecimal),
				row("BigDecimal 1E+3", new BigDecimal("1E+3"), TypeEcho::echoBigDecimal),
				row("BigInteger 2^200", BigInteger.TWO.pow(200), TypeEcho::echoBigInteger),
				row("BigInteger -3^100", BigInteger.valueOf(3).pow(100).negate(), TypeEcho::echoBigInteger),
				// java.time, UUID, enums, Optional.
				row("Instant with nanos", Instant.parse("2024-02-29T12:34:56.123456789Z"), TypeEcho::echoInstant),
				row("Instant epoch", Instant.EPOCH, TypeEcho::echoInstant),
				row("LocalDate", LocalDate.of(2024, 2, 29), TypeEcho::echoLocalDate),
				row("LocalDateTime with nanos", LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_999),
						TypeEcho::echoLocalDateTime),
				row("OffsetDateTime +05:30",
						OffsetDateTime.of(2024, 2, 29, 13, 14, 15, 123_000_000, ZoneOffset.ofHoursMinutes(5, 30)),
						TypeEcho::echoOffsetDateTime),
				row("OffsetDateTime -03:00", OffsetDateTime.of(2001, 1, 2, 3, 4, 5, 6, ZoneOffset.ofHours(-3)),
						TypeEcho::echoOffsetDateTime),
				row("OffsetDateTime UTC", OffsetDateTime.of(2001, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC),
						TypeEcho::echoOffsetDateTime),
				row("Duration", Duration.ofDays(2).plusNanos(1), TypeEcho::echoDuration),
				row("Duration negative", Duration.ofMillis(-1500), TypeEcho::echoDuration),
				row("UUID", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), TypeEcho::echoUuid),
				row("enum", Color.GREEN, TypeEcho::echoEnum),
				row("Optional present", Optional.of("here"), TypeEcho::echoOptional),
				row("Optional empty", Optional.<String>empty(), TypeEcho::echoOptional),
				row("Optional of a record", Optional.of(APPLE), TypeEcho::echoOptionalItem),
				row("Optional of a record, empty", Optional.<Item>empty(), TypeEcho::echoOptionalItem),
				// Records, beans, arrays and collections.
				row("record", APPLE, TypeEcho::echoItem),
				row("nested records", new Line(new Point(0, 0), new Point(3, 4), List.of(new Point(1, 1), new Point(2, -2))),
						TypeEcho::echoLine),
				row("plain class with getters and setters", new Account("Ada", -12, List.of("a", "b")),
						TypeEcho::echoAccount),
				row("byte[]", new byte[] { 0, 1, -1, 127, -128, 42 }, TypeEcho::echoBytes),
				row("byte[] empty", new byte[0], TypeEcho::echoBytes),
				row("int[]", new int[] { Integer.MIN_VALUE, 0, Integer.MAX_VALUE }, TypeEcho::echoInts),
				row("String[]", new String[] { "a", null, "日本" }, TypeEcho::echoStrings),
				row("record[]", new Item[] { APPLE, PEAR }, TypeEcho::echoItemArray),
				row("List of records", List.of(APPLE, PEAR, APPLE), TypeEcho::echoItemList),
				row("List empty", List.<Item>of(), TypeEcho::echoItemList),
				row("Set of records", Set.of(APPLE, PEAR), TypeEcho::echoItemSet),
				row("Map of Lists of records", Map.of("fruit", List.of(APPLE, PEAR), "none", List.<Item>of()),
						TypeEcho::echoItemsByName),
				row("generic wrapper", new Page<>(2, 11, List.of(APPLE, PEAR)), TypeEcho::echoPage),
				row("sealed interface, circle", new Circle(1.5), TypeEcho::echoShape),
				row("sealed interface, square", new Square(2), TypeEcho::echoShape),
				row("List of a sealed interface", List.of(new Circle(1), new Square(2), new Circle(3)),
						TypeEcho::echoShapes),
				// Nulls where references are declared.
				row("String null", (String) null, TypeEcho::echoString),
				row("record null", (Item) null, TypeEcho::echoItem),
				row("List null", (List<Item>) null, TypeEcho::echoItemList),
				row("generic wrapper null", (Page<Item>) null, TypeEcho::echoPage),
				row("byte[] null", (byte[]) null, TypeEcho::echoBytes));
	}

	private static <T> Arguments row(String name, T value, BiFunction<TypeEcho, T, T> call) {
		return argumentSet(name, value, call);
	}

	@ParameterizedTest
	@MethodSource("values")
	<T> void theServiceReceivesWhatWasSentAndTheCallerGetsItBack(T value, BiFunction<TypeEcho, T, T> call) {
		T returned = call.apply(echo, value);
		assertThat(receivedArgument()).as("what the service received").isEqualTo(value);
		assertThat((Object) returned).as("what the caller got back").isEqualTo(value);
	}

	@Test
	void keepsTheElementTypeOfAGenericWrapperBothWays() {
		Page<Item> page = new Page<>(1, 2, List.of(APPLE, PEAR));
		Page<Item> returned = echo.echoPage(page);
		@SuppressWarnings("unchecked")
		Page<Item> sent = (Page<Item>) receivedArgument();
		assertThat(sent.result()).as("elements the service received").allSatisfy(
				(element) -> assertThat((Object) element).isInstanceOf(Item.class));
		assertThat(returned.result()).as("elements the caller got back").allSatisfy(
				(element) -> assertThat((Object) element).isInstanceOf(Item.class));
		assertThat(returned).isEqualTo(page);
	}

	@Test
	void keepsTheSubtypesOfASealedInterfaceInAList() {
		List<Shape> returned = echo.echoShapes(List.of(new Circle(1), new Square(2)));
		assertThat(returned).extracting(Object::getClass).containsExactly(Circle.class, Square.class);
	}

	@Test
	void keepsTheOffsetOfAnOffsetDateTime() {
		OffsetDateTime sent = OffsetDateTime.of(2024, 2, 29, 13, 14, 15, 0, ZoneOffset.ofHours(9));
		assertThat(echo.echoOffsetDateTime(sent).getOffset()).isEqualTo(ZoneOffset.ofHours(9));
	}

	@Test
	void keepsTheScaleOfABigDecimal() {
		assertThat(echo.echoBigDecimal(new BigDecimal("1.50")).scale()).isEqualTo(2);
		assertThat(echo.echoItem(PEAR).price()).isEqualTo(PEAR.price());
	}

	@Test
	void givesAServiceAnEmptyOptionalRatherThanNull() {
		assertThat(echo.echoOptional(Optional.empty())).isEmpty();
		assertThat(receivedArgument()).isEqualTo(Optional.empty());
	}

	@Test
	void callsAVoidMethodWithItsArgument() {
		echo.accept("taken");
		assertThat(receivedArgument()).isEqualTo("taken");
		echo.accept(null);
		assertThat(receivedArgument()).isNull();
	}

	@Test
	void returnsNullForARecordTypeAsNull() {
		assertThat(echo.nothing()).isNull();
		assertThat(received.get()).isEmpty();
	}

	/**
	 * JSON has no NaN or infinity: Jackson writes them as the JSON strings "NaN", "Infinity" and
	 * "-Infinity", which is still valid JSON, and reads those strings back into a double or float.
	 */
	@ParameterizedTest
	@ValueSource(doubles = { Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY })
	void carriesNanAndInfinitiesAsJsonStrings(double value) {
		Double boxed = value;
		Float single = (float) value;
		assertThat((Object) echo.echoDouble(value)).isEqualTo(boxed);
		assertThat(receivedArgument()).isEqualTo(boxed);
		assertThat(echo.echoBoxedDouble(boxed)).isEqualTo(boxed);
		assertThat((Object) echo.echoFloat(single)).isEqualTo(single);
		assertThat(echo.echoBoxedFloat(single)).isEqualTo(single);
	}

	@Test
	void answersAPeerWithNanAndInfinitiesAsJsonStrings() {
		String method = TypeEcho.class.getName() + ".echoDouble";
		try (RawClient peer = RawClient.connect(server.port())) {
			for (String text : List.of("NaN", "Infinity", "-Infinity")) {
				JsonNode response = peer.sendFrame(request(1, method, "[\"" + text + "\"]")).readFrame();
				assertThat(response.get("result").isString()).as(response.toString()).isTrue();
				assertThat(response.get("result").asString()).isEqualTo(text);
			}
		}
	}

	/** The one argument the service received in the last call. */
	private static Object receivedArgument() {
		Object[] arguments = received.get();
		assertThat(arguments).as("arguments the service received").isNotNull().hasSize(1);
		return arguments[0];
	}

	/** Echoes the first argument of every call and remembers the arguments. */
	private static final class RecordingEcho implements InvocationHandler {

		@Override
		public Object invoke(Object proxy, Method method, Object[] arguments) {
			if (method.getDeclaringClass() == Object.class) {
				throw new UnsupportedOperationException(method.getName());
			}
			Object[] given = (arguments != null) ? arguments : new Object[0];
			received.set(given);
			return (method.getReturnType() == void.class || given.length == 0) ? null : given[0];
		}

	}

}
