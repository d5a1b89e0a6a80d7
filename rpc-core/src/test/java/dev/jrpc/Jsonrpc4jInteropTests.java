package dev.jrpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.googlecode.jsonrpc4j.JsonRpcBasicServer;
import com.googlecode.jsonrpc4j.JsonRpcClient;
import com.googlecode.jsonrpc4j.JsonRpcClientException;
import com.googlecode.jsonrpc4j.ProxyUtil;
import com.googlecode.jsonrpc4j.StreamServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * jrpc and jsonrpc4j (com.github.briandilley.jsonrpc4j, which speaks JSON-RPC 2.0 over plain
 * sockets with Jackson 2) talking to each other in JSON stream mode: jsonrpc4j's client calling a
 * jrpc server, and jrpc's client calling jsonrpc4j's {@link StreamServer}.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class Jsonrpc4jInteropTests {

	private static final int READ_TIMEOUT_MILLIS = 5000;

	/** jsonrpc4j's client: it writes each request as bare JSON, with no newline after it. */
	@Nested
	class Jsonrpc4jClientCallingOurServer {

		private final RecordingCatalog catalog = new RecordingCatalog();

		private RpcServer server;

		private Socket socket;

		private JsonRpcClient client;

		@BeforeEach
		void start() throws IOException {
			// The same service under both naming styles: qualified names and plain names.
			this.server = RpcServer.builder()
				.address("127.0.0.1")
				.port(0)
				.addService(Catalog.class, this.catalog)
				.addPlainService(Catalog.class, this.catalog)
				.build();
			this.server.start();
			this.socket = new Socket();
			this.socket.setSoTimeout(READ_TIMEOUT_MILLIS);
			this.socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.server.port()),
					READ_TIMEOUT_MILLIS);
			this.client = new JsonRpcClient(new ObjectMapper());
		}

		@AfterEach
		void stop() throws IOException {
			this.socket.close();
			this.server.stop();
		}

		@Test
		void callsAServiceExportedWithPlainNamesThroughAJsonrpc4jProxy() throws IOException {
			Catalog catalog = ProxyUtil.createClientProxy(getClass().getClassLoader(), Catalog.class, this.client,
					this.socket);
			assertThat(catalog.greet("Ada")).isEqualTo("Hello, Ada");
			assertThat(catalog.add(2, 3)).isEqualTo(5);
			assertThat(catalog.part("gear", 3)).isEqualTo(new Part("gear", 3, List.of("gear-1", "gear-2", "gear-3")));
			assertThat(catalog.parts(List.of("gear", "card"))).containsExactly(new Part("gear", 4, List.of("gear-1")),
					new Part("card", 4, List.of("card-1")));
			catalog.check("gear");
		}

		@Test
		void callsAServiceByItsQualifiedMethodNames() throws Throwable {
			String prefix = Catalog.class.getName() + ".";
			assertThat(this.client.invokeAndReadResponse(prefix + "greet", new Object[] { "Ada" }, String.class, out(),
					in())).isEqualTo("Hello, Ada");
			assertThat(this.client.invokeAndReadResponse(prefix + "part", new Object[] { "card", 1 }, Part.class, out(),
					in())).isEqualTo(new Part("card", 1, List.of("card-1")));
			Type listOfParts = Catalog.class.getMethod("parts", List.class).getGenericReturnType();
			assertThat(this.client.invokeAndReadResponse(prefix + "parts", new Object[] { List.of("gear") }, listOfParts,
					out(), in())).isEqualTo(List.of(new Part("gear", 4, List.of("gear-1"))));
		}

		@Test
		void rethrowsAServiceExceptionOnTheJsonrpc4jSideAsTheSameTypeWithItsMessage() throws IOException {
			Catalog catalog = ProxyUtil.createClientProxy(getClass().getClassLoader(), Catalog.class, this.client,
					this.socket);
			// jrpc's error data, {"exceptionTypeName": ..., "message": ...}, is what jsonrpc4j's
			// DefaultExceptionResolver reads to throw the same type again.
			assertThatIllegalArgumentException().isThrownBy(() -> catalog.check("nothing"))
				.withMessage("No part named 'nothing'");
			assertThat(catalog.greet("again")).as("the connection still serves").isEqualTo("Hello, again");
		}

		@Test
		void answersAnUnknownMethodWithAnErrorThatJsonrpc4jReportsWithItsCode() {
			assertThatExceptionOfType(JsonRpcClientException.class)
				.isThrownBy(() -> this.client.invokeAndReadResponse("wave", new Object[0], String.class, out(), in()))
				.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(RpcErrorCodes.METHOD_NOT_FOUND));
		}

		@Test
		void runsAJsonrpc4jNotificationWithoutAnsweringIt() throws Throwable {
			this.client.invokeNotification("remember", new Object[] { "noted" }, out());
			// Had the notification been answered, jsonrpc4j would have read that answer here, and
			// skipped it only because its id does not match.
			assertThat(this.client.invokeAndReadResponse("greet", new Object[] { "Ada" }, String.class, out(), in()))
				.isEqualTo("Hello, Ada");
			await().atMost(Duration.ofSeconds(5)).until(() -> this.catalog.remembered().contains("noted"));
			this.socket.shutdownOutput();
			assertThat(in().read()).as("nothing more before the end of the stream").isEqualTo(-1);
		}

		private OutputStream out() throws IOException {
			return this.socket.getOutputStream();
		}

		private InputStream in() throws IOException {
			return this.socket.getInputStream();
		}

	}

	/**
	 * jsonrpc4j's {@link StreamServer}: it reads one request at a time on each connection, and loses
	 * requests that arrive while it works, hence {@code maxInFlight(1)}.
	 */
	@Nested
	class OurClientCallingAJsonrpc4jStreamServer {

		private final RecordingCatalog catalog = new RecordingCatalog();

		private StreamServer server;

		private int port;

		private RpcClient client;

		private Catalog remote;

		@BeforeEach
		void start() throws IOException {
			JsonRpcBasicServer handler = new JsonRpcBasicServer(new ObjectMapper(), this.catalog, Catalog.class);
			handler.setShouldLogInvocationErrors(false);
			ServerSocket serverSocket = new NoDelayServerSocket();
			this.server = new StreamServer(handler, 2, serverSocket);
			this.server.start();
			this.port = serverSocket.getLocalPort();
			this.client = RpcClient.builder().timeout(Duration.ofSeconds(5)).build();
			this.remote = proxy(Catalog.class);
		}

		@AfterEach
		void stop() throws InterruptedException {
			// Closing the client first ends the server's connection thread, which stop() waits for.
			this.client.close();
			this.server.stop();
		}

		@Test
		void callsMethodsWithPrimitivesRecordsListsAndVoid() {
			assertThat(this.remote.greet("Ada")).isEqualTo("Hello, Ada");
			assertThat(this.remote.add(2, 3)).isEqualTo(5);
			assertThat(this.remote.part("gear", 2)).isEqualTo(new Part("gear", 2, List.of("gear-1", "gear-2")));
			assertThat(this.remote.parts(List.of("gear", "card"))).containsExactly(new Part("gear", 4, List.of("gear-1")),
					new Part("card", 4, List.of("card-1")));
			this.remote.check("gear");
		}

		@Test
		void makesManyCallsOneAfterAnotherOnOneConnection() {
			for (int i = 0; i < 50; i++) {
				assertThat(this.remote.add(i, 1)).isEqualTo(i + 1);
			}
			assertThat(this.server.getNumberOfConnections()).isEqualTo(1);
		}

		@Test
		void makesConcurrentCallsFromSeveralThreadsWhichTakeTurnsOnTheConnection() throws Exception {
			// Without maxInFlight(1), requests written while jsonrpc4j works on another would be lost.
			ExecutorService threads = Executors.newFixedThreadPool(4);
			try {
				List<Future<List<String>>> results = new ArrayList<>();
				for (int t = 0; t < 4; t++) {
					int thread = t;
					results.add(threads.submit(() -> IntStream.range(0, 20)
						.mapToObj((i) -> this.remote.greet(thread + "-" + i))
						.toList()));
				}
				for (int t = 0; t < 4; t++) {
					int thread = t;
					assertThat(results.get(t).get(20, TimeUnit.SECONDS))
						.containsExactlyElementsOf(IntStream.range(0, 20).mapToObj((i) -> "Hello, " + thread + "-" + i).toList());
				}
			}
			finally {
				threads.shutdownNow();
			}
		}

		@Test
		void rethrowsAJsonrpc4jServiceExceptionAsItsOwnType() {
			// jsonrpc4j answers a service exception with code -32001 and the same data as jrpc:
			// {"exceptionTypeName": "java.lang.IllegalArgumentException", "message": "..."}.
			assertThatIllegalArgumentException().isThrownBy(() -> this.remote.check("nothing"))
				.withMessage("No part named 'nothing'")
				.havingCause()
				.isInstanceOfSatisfying(RpcRemoteException.class, (ex) -> {
					assertThat(ex.code()).isEqualTo(-32001);
					assertThat(ex.remoteType()).isEqualTo(IllegalArgumentException.class.getName());
					assertThat(ex.remoteMessage()).isEqualTo("No part named 'nothing'");
				});
			assertThat(this.remote.greet("again")).as("the connection still serves").isEqualTo("Hello, again");
		}

		@Test
		void reportsAMethodJsonrpc4jDoesNotHaveAsMethodNotFound() {
			Unknown unknown = proxy(Unknown.class);
			assertThatExceptionOfType(RpcRemoteException.class).isThrownBy(unknown::wave)
				.satisfies((ex) -> assertThat(ex.code()).isEqualTo(RpcErrorCodes.METHOD_NOT_FOUND));
		}

		@Test
		void sendsAOneWayCallAsANotificationThatJsonrpc4jRunsWithoutAnswering() {
			Notes notes = proxy(Notes.class);
			notes.remember("noted");
			// A one-way call takes no place under maxInFlight: a call sent while jsonrpc4j still reads
			// the notification could be lost with it, so wait until the notification has run.
			await().atMost(Duration.ofSeconds(5)).until(() -> this.catalog.remembered().contains("noted"));
			assertThat(this.remote.greet("Ada")).isEqualTo("Hello, Ada");
		}

		private <T> T proxy(Class<T> type) {
			return this.client.proxy(type)
				.address("127.0.0.1:" + this.port)
				.plainNames()
				.framing(RpcFraming.JSON_STREAM)
				.maxInFlight(1)
				.build();
		}

	}

	/**
	 * A loopback server socket on a free port whose connections send small writes at once.
	 * jsonrpc4j writes each response, then its {@code \n} in a write of its own, and leaves Nagle's
	 * algorithm on: the next response then waits for the peer's delayed acknowledgement of that
	 * {@code \n}, some 40 ms on Linux, for every call.
	 */
	static final class NoDelayServerSocket extends ServerSocket {

		NoDelayServerSocket() throws IOException {
			super(0, 50, InetAddress.getLoopbackAddress());
		}

		@Override
		public Socket accept() throws IOException {
			Socket socket = super.accept();
			socket.setTcpNoDelay(true);
			return socket;
		}

	}

	/** A service both sides can serve and call. */
	public interface Catalog {

		String greet(String name);

		int add(int a, int b);

		Part part(String name, int count);

		List<Part> parts(List<String> names);

		/**
		 * Returns normally for a known part.
		 * @throws IllegalArgumentException for any other name
		 */
		void check(String name);

		void remember(String note);

	}

	/** A record that crosses the wire, with a list inside. */
	public record Part(String name, int count, List<String> serials) {
	}

	/** A method neither server has. */
	public interface Unknown {

		String wave();

	}

	/** {@link Catalog#remember} as a one-way call. */
	public interface Notes {

		@OneWay
		void remember(String note);

	}

	/** The {@link Catalog} of both servers; it remembers the notes it was given. */
	static class RecordingCatalog implements Catalog {

		private final List<String> remembered = new CopyOnWriteArrayList<>();

		@Override
		public String greet(String name) {
			return "Hello, " + name;
		}

		@Override
		public int add(int a, int b) {
			return a + b;
		}

		@Override
		public Part part(String name, int count) {
			return new Part(name, count, IntStream.rangeClosed(1, count).mapToObj((i) -> name + "-" + i).toList());
		}

		@Override
		public List<Part> parts(List<String> names) {
			return names.stream().map((name) -> new Part(name, name.length(), List.of(name + "-1"))).toList();
		}

		@Override
		public void check(String name) {
			if (!List.of("gear", "card").contains(name)) {
				throw new IllegalArgumentException("No part named '" + name + "'");
			}
		}

		@Override
		public void remember(String note) {
			this.remembered.add(note);
		}

		List<String> remembered() {
			return List.copyOf(this.remembered);
		}

	}

}
