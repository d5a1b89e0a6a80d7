package dev.jrpc.internal.protocol;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.jrpc.RpcClient;
import dev.jrpc.RpcJsonMapper;
import dev.jrpc.RpcMethod;
import dev.jrpc.RpcServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

class RemoteInterfaceTests {

	private final JsonMapper mapper = RpcJsonMapper.create(1024);

	@Test
	void namesMethodsAfterTheServiceAndItsVersion() {
		List<RemoteMethod> methods = RemoteInterface.parse(Plain.class, "plain", "1.2", this.mapper);
		assertThat(methods).extracting(RemoteMethod::wireName).containsExactlyInAnyOrder("plain:1.2.hello", "plain:1.2.hi");
		assertThat(RemoteInterface.parse(Plain.class, "plain", "", this.mapper)).extracting(RemoteMethod::wireName)
			.containsExactlyInAnyOrder("plain.hello", "plain.hi");
	}

	@Test
	void resolvesTypeVariablesBoundByASubInterface() {
		RemoteMethod find = RemoteInterface.parse(NameRepository.class, "names", "", this.mapper)
			.stream()
			.filter((method) -> method.method().getName().equals("findAll"))
			.findFirst()
			.orElseThrow();
		assertThat(find.resultType().toCanonical()).isEqualTo("java.util.List<java.lang.String>");
		assertThat(find.parameterTypes().get(0).getRawClass()).isEqualTo(String.class);
	}

	@Test
	void unwrapsTheResultTypeOfAsynchronousMethods() {
		RemoteMethod method = RemoteInterface.parse(Async.class, "async", "", this.mapper).get(0);
		assertThat(method.async()).isTrue();
		assertThat(method.resultType().toCanonical()).isEqualTo("java.util.List<java.lang.Integer>");
	}

	@Test
	void rejectsAGenericMethodNamingIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> RemoteInterface.parse(GenericMethod.class, "g", "", this.mapper))
			.withMessageContaining("generic method")
			.withMessageEndingWith("for method GenericMethod.convert");
	}

	@Test
	void rejectsAnUnboundTypeVariableNamingIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> RemoteInterface.parse(Repository.class, "r", "", this.mapper))
			.withMessageContaining("type variable T")
			.withMessageEndingWith("for method Repository.findAll");
	}

	@Test
	void rejectsAFutureThatIsNotACompletableFuture() {
		assertThatIllegalArgumentException().isThrownBy(() -> RemoteInterface.parse(PlainFuture.class, "f", "", this.mapper))
			.withMessageContaining("CompletableFuture or CompletionStage")
			.withMessageEndingWith("for method PlainFuture.later");
	}

	@Test
	void rejectsTwoOverloadsWithTheSameNumberOfParametersNamingBoth() {
		assertThatIllegalArgumentException().isThrownBy(() -> RemoteInterface.parse(Overloaded.class, "o", "", this.mapper))
			.withMessageContaining("Overloaded.put")
			.withMessageContaining("@RpcMethod");
	}

	@Test
	void acceptsOverloadsRenamedOnTheWire() {
		assertThat(RemoteInterface.parse(Renamed.class, "o", "", this.mapper)).extracting(RemoteMethod::wireName)
			.containsExactlyInAnyOrder("o.put", "o.putNumber", "o.put");
	}

	@Test
	void rejectsAClass() {
		assertThatIllegalArgumentException().isThrownBy(() -> RemoteInterface.parse(String.class, "s", "", this.mapper))
			.withMessageContaining("not an interface");
	}

	@ParameterizedTest
	@MethodSource("typesThatCannotRoundTrip")
	void rejectsATypeThatCannotRoundTripNamingTheMethodTheTypeAndTheFix(Class<?> type, String method, String problem,
			String fix) {
		assertThatIllegalArgumentException().isThrownBy(() -> RemoteInterface.parse(type, "t", "", this.mapper))
			.withMessageContaining(problem)
			.withMessageContaining(fix)
			.withMessageEndingWith("for method " + type.getSimpleName() + "." + method);
	}

	static Stream<Arguments> typesThatCannotRoundTrip() {
		String concrete = "declare a concrete type instead";
		String infrastructure = "is JDK infrastructure that means nothing on the wire";
		return Stream.of(
				argumentSet("Runnable", TakesRunnable.class, "run", "parameter 'task' of type Runnable: Runnable is an "
						+ "interface that Jackson cannot create without type information", concrete),
				argumentSet("Temporal", TakesTemporal.class, "at", "Temporal is an interface", concrete),
				argumentSet("an interface without @JsonTypeInfo", TakesAnimal.class, "feed", "parameter 'animal' of "
						+ "type Animal: Animal is an interface that Jackson cannot create without type information",
						"declare @JsonTypeInfo(use = NAME) and @JsonSubTypes on Animal, or @JsonDeserialize(as = ...) "
								+ "with a concrete class, or declare a concrete type"),
				argumentSet("an abstract class without @JsonTypeInfo", ReturnsVehicle.class, "vehicle",
						"the result of type Vehicle: Vehicle is an abstract class", "@JsonTypeInfo(use = NAME)"),
				argumentSet("a List of an interface", TakesAnimals.class, "feed",
						"of type List<Animal>: Animal is an interface", "on Animal"),
				argumentSet("an array in a Map", TakesAnimalArrays.class, "feed",
						"of type Map<String, Animal[]>: Animal is an interface", "on Animal"),
				argumentSet("an Optional", TakesOptionalAnimal.class, "feed",
						"of type Optional<Animal>: Animal is an interface", "on Animal"),
				argumentSet("a generic wrapper's type argument", ReturnsAnimalPage.class, "animals",
						"the result of type Page<Animal>: Animal is an interface", "on Animal"),
				argumentSet("the value of an asynchronous result", ReturnsFutureAnimal.class, "animal",
						"the result of type Animal: Animal is an interface", "on Animal"),
				argumentSet("a map key Jackson cannot read", TakesAnimalKeys.class, "feed",
						"Jackson cannot read a map key of type Animal back from a JSON member name",
						"use String, a number, an enum, UUID or a java.time type as the key"),
				argumentSet("a class with no constructor Jackson can use", TakesSealedBox.class, "open",
						"parameter 'box' of type SealedBox: Jackson has no way to create SealedBox",
						"add one of them"),
				argumentSet("InputStream", ReturnsInputStream.class, "open",
						"the result of type InputStream: java.io.InputStream " + infrastructure, "send the data"),
				argumentSet("OutputStream", TakesOutputStream.class, "write", "java.io.OutputStream " + infrastructure,
						"send the data"),
				argumentSet("Reader", TakesReader.class, "read", "java.io.Reader " + infrastructure, "send the data"),
				argumentSet("Writer", TakesWriter.class, "write", "java.io.Writer " + infrastructure, "send the data"),
				argumentSet("Thread", TakesThread.class, "join", "java.lang.Thread " + infrastructure, "send the data"),
				argumentSet("ClassLoader", TakesClassLoader.class, "load", "java.lang.ClassLoader " + infrastructure,
						"send the data"),
				argumentSet("Class", TakesClass.class, "create", "of type Class<Object>: java.lang.Class " + infrastructure,
						"send the data"),
				argumentSet("a reflective Method", TakesMethod.class, "invoke",
						"java.lang.reflect.Method " + infrastructure, "send the data"),
				argumentSet("Socket", TakesSocket.class, "use", "java.net.Socket " + infrastructure, "send the data"),
				argumentSet("a Future parameter", TakesFuture.class, "await",
						"parameter 'result' of type Future<String>: Future<String> cannot be sent",
						"only the return type itself may be a CompletableFuture or CompletionStage"),
				argumentSet("a CompletableFuture in a List", TakesFutures.class, "await",
						"CompletableFuture<String> cannot be sent", "declare the value's type"),
				argumentSet("a future of a future", ReturnsNestedFuture.class, "later",
						"the result of type CompletionStage<String>: CompletionStage<String> cannot be sent", "declare the value's type"));
	}

	@Test
	void acceptsTypesThatRoundTrip() {
		List<RemoteMethod> methods = RemoteInterface.parse(RoundTrips.class, "ok", "", this.mapper);
		assertThat(methods).hasSize(RoundTrips.class.getMethods().length);
	}

	@Test
	void acceptsAnInterfaceTheMapperHasADeserializerFor() {
		assertThatIllegalArgumentException().isThrownBy(() -> RemoteInterface.parse(TakesAnimal.class, "a", "", this.mapper));
		SimpleModule animals = new SimpleModule().addDeserializer(Animal.class, new ValueDeserializer<>() {

			@Override
			public Animal deserialize(JsonParser parser, DeserializationContext context) {
				return new Cat(parser.getString());
			}

		});
		JsonMapper withAnimals = RpcJsonMapper.builder(1024).addModule(animals).build();
		assertThat(RemoteInterface.parse(TakesAnimal.class, "a", "", withAnimals)).hasSize(1);
	}

	@Test
	@Timeout(value = 10, unit = TimeUnit.SECONDS)
	void refusesToBuildAServerOrAProxyForAnInterfaceThatCannotRoundTrip() {
		String message = "parameter 'animal' of type Animal: Animal is an interface";
		RpcServer.Builder server = RpcServer.builder().address("127.0.0.1").port(0).addService(TakesAnimal.class,
				(animal) -> {
				});
		assertThatIllegalArgumentException().isThrownBy(server::build)
			.withMessageContaining(message)
			.withMessageEndingWith("for method TakesAnimal.feed");
		try (RpcClient client = RpcClient.builder().build()) {
			assertThatIllegalArgumentException().isThrownBy(() -> client.create(TakesAnimal.class, "127.0.0.1:7070"))
				.withMessageContaining(message)
				.withMessageEndingWith("for method TakesAnimal.feed");
		}
	}

	interface Plain {

		String hello(String name);

		String hi();

		static String helper() {
			return "not remote";
		}

	}

	interface Repository<T> {

		List<T> findAll(T example);

	}

	interface NameRepository extends Repository<String> {

	}

	interface Async {

		CompletableFuture<List<Integer>> numbers();

	}

	interface GenericMethod {

		<T> T convert(String value, Class<T> type);

	}

	interface PlainFuture {

		Future<String> later();

	}

	interface Overloaded {

		void put(String value);

		void put(int value);

	}

	interface Renamed {

		void put(String value);

		@RpcMethod("putNumber")
		void put(int value);

		void put(String key, String value);

	}

	/** Declares no type information, so Jackson cannot tell which animal to create. */
	interface Animal {

	}

	record Cat(String name) implements Animal {
	}

	abstract static class Vehicle {

	}

	/** Has no no-argument constructor, no @JsonCreator, and its constructor's parameters are not properties. */
	static final class SealedBox {

		private final String secret;

		private SealedBox(String secret, int code) {
			this.secret = secret + code;
		}

		public int length() {
			return this.secret.length();
		}

	}

	@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
	@JsonSubTypes({ @JsonSubTypes.Type(value = Circle.class, name = "circle"),
			@JsonSubTypes.Type(value = Square.class, name = "square") })
	sealed interface Shape permits Circle, Square {

	}

	record Circle(double radius) implements Shape {
	}

	record Square(double side) implements Shape {
	}

	@JsonDeserialize(as = Meter.class)
	interface Unit {

	}

	record Meter(double value) implements Unit {
	}

	enum Color {

		RED

	}

	record Item(String name, Optional<LocalDate> date) {
	}

	record Page<T>(int pageNo, int total, List<T> result) {
	}

	interface TakesRunnable {

		void run(Runnable task);

	}

	interface TakesTemporal {

		void at(Temporal time);

	}

	interface TakesAnimal {

		void feed(Animal animal);

	}

	interface ReturnsVehicle {

		Vehicle vehicle();

	}

	interface TakesAnimals {

		void feed(List<Animal> animals);

	}

	interface TakesAnimalArrays {

		void feed(Map<String, Animal[]> animals);

	}

	interface TakesOptionalAnimal {

		void feed(Optional<Animal> animal);

	}

	interface ReturnsAnimalPage {

		Page<Animal> animals();

	}

	interface ReturnsFutureAnimal {

		CompletableFuture<Animal> animal();

	}

	interface TakesAnimalKeys {

		void feed(Map<Animal, String> names);

	}

	interface TakesSealedBox {

		void open(SealedBox box);

	}

	interface ReturnsInputStream {

		InputStream open(String name);

	}

	interface TakesOutputStream {

		void write(OutputStream out);

	}

	interface TakesReader {

		void read(Reader in);

	}

	interface TakesWriter {

		void write(Writer out);

	}

	interface TakesThread {

		void join(Thread thread);

	}

	interface TakesClassLoader {

		void load(ClassLoader loader);

	}

	interface TakesClass {

		Object create(Class<?> type);

	}

	interface TakesMethod {

		void invoke(Method method);

	}

	interface TakesSocket {

		void use(Socket socket);

	}

	interface TakesFuture {

		void await(Future<String> result);

	}

	interface TakesFutures {

		void await(List<CompletableFuture<String>> results);

	}

	interface ReturnsNestedFuture {

		CompletableFuture<CompletionStage<String>> later();

	}

	/** One method per kind of type that must stay allowed. */
	interface RoundTrips {

		void nothing();

		List<Shape> shapes(List<Shape> shapes);

		Shape shape(Shape shape);

		Circle circle(Circle circle);

		Map<String, Object> map(Map<String, Object> map);

		Object object(Object value);

		Object[] objects(Object[] values);

		CharSequence text(CharSequence text);

		Number number(Number number);

		JsonNode tree(JsonNode tree);

		Unit unit(Unit unit);

		Optional<String> maybe(Optional<String> value);

		Optional<Item> maybeItem(Optional<Item> item);

		Item item(Item item);

		Page<Item> page(Page<Item> page);

		CompletableFuture<List<Item>> items();

		CompletionStage<Void> done();

		Collection<String> collection(Collection<String> values);

		Iterable<String> iterable(Iterable<String> values);

		Set<Color> colors(Set<Color> colors);

		Map<UUID, LocalDate> byUuid(Map<UUID, LocalDate> values);

		Map<LocalDate, List<Item>> byDate(Map<LocalDate, List<Item>> values);

		Map<Color, Integer> byColor(Map<Color, Integer> values);

		Map<Long, String> byNumber(Map<Long, String> values);

		byte[] bytes(byte[] bytes);

		int[][] grid(int[][] grid);

		BigDecimal amount(BigDecimal amount, BigInteger count);

		Instant instant(Instant instant, Duration duration, OffsetDateTime at, LocalDateTime local);

		UUID uuid(UUID uuid);

		Optional<Map<String, List<Shape>>> nested(Optional<Map<String, List<Shape>>> nested);

		Throwable failure(IllegalStateException failure);

	}

}
