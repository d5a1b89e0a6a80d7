package dev.jrpc.internal.protocol;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import dev.jrpc.RpcMethod;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.TypeFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RemoteInterfaceTests {

	private final TypeFactory types = JsonMapper.builder().build().getTypeFactory();

	@Test
	void namesMethodsAfterTheServiceAndItsVersion() {
		List<RemoteMethod> methods = RemoteInterface.parse(Plain.class, "plain", "1.2", this.types);
		assertThat(methods).extracting(RemoteMethod::wireName).containsExactlyInAnyOrder("plain:1.2.hello", "plain:1.2.hi");
		assertThat(RemoteInterface.parse(Plain.class, "plain", "", this.types)).extracting(RemoteMethod::wireName)
			.containsExactlyInAnyOrder("plain.hello", "plain.hi");
	}

	@Test
	void resolvesTypeVariablesBoundByASubInterface() {
		RemoteMethod find = RemoteInterface.parse(NameRepository.class, "names", "", this.types)
			.stream()
			.filter((method) -> method.method().getName().equals("findAll"))
			.findFirst()
			.orElseThrow();
		assertThat(find.resultType().toCanonical()).isEqualTo("java.util.List<java.lang.String>");
		assertThat(find.parameterTypes().get(0).getRawClass()).isEqualTo(String.class);
	}

	@Test
	void unwrapsTheResultTypeOfAsynchronousMethods() {
		RemoteMethod method = RemoteInterface.parse(Async.class, "async", "", this.types).get(0);
		assertThat(method.async()).isTrue();
		assertThat(method.resultType().toCanonical()).isEqualTo("java.util.List<java.lang.Integer>");
	}

	@Test
	void rejectsAGenericMethodNamingIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> RemoteInterface.parse(GenericMethod.class, "g", "", this.types))
			.withMessageContaining("generic method")
			.withMessageEndingWith("for method GenericMethod.convert");
	}

	@Test
	void rejectsAnUnboundTypeVariableNamingIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> RemoteInterface.parse(Repository.class, "r", "", this.types))
			.withMessageContaining("type variable T")
			.withMessageEndingWith("for method Repository.findAll");
	}

	@Test
	void rejectsAFutureThatIsNotACompletableFuture() {
		assertThatIllegalArgumentException().isThrownBy(() -> RemoteInterface.parse(PlainFuture.class, "f", "", this.types))
			.withMessageContaining("CompletableFuture or CompletionStage")
			.withMessageEndingWith("for method PlainFuture.later");
	}

	@Test
	void rejectsTwoOverloadsWithTheSameNumberOfParametersNamingBoth() {
		assertThatIllegalArgumentException().isThrownBy(() -> RemoteInterface.parse(Overloaded.class, "o", "", this.types))
			.withMessageContaining("Overloaded.put")
			.withMessageContaining("@RpcMethod");
	}

	@Test
	void acceptsOverloadsRenamedOnTheWire() {
		assertThat(RemoteInterface.parse(Renamed.class, "o", "", this.types)).extracting(RemoteMethod::wireName)
			.containsExactlyInAnyOrder("o.put", "o.putNumber", "o.put");
	}

	@Test
	void rejectsAClass() {
		assertThatIllegalArgumentException().isThrownBy(() -> RemoteInterface.parse(String.class, "s", "", this.types))
			.withMessageContaining("not an interface");
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

}
