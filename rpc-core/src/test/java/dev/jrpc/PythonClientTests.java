package dev.jrpc;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.jrpc.testing.Greeter;
import dev.jrpc.testing.RecordingGreeter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Python client of {@code examples/python} against a real server: its check script calls with
 * positional and keyword arguments, sends a notification and gets errors. Skipped when
 * {@code python3} is not on the PATH.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PythonClientTests {

	/** Surefire runs tests in the module's directory, rpc-core. */
	private static final Path EXAMPLES = Paths.get("..", "examples", "python");

	private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(30);

	private final RecordingGreeter greeter = new RecordingGreeter();

	private RpcServer server;

	@BeforeEach
	void start() {
		this.server = RpcServer.builder().address("127.0.0.1").port(0).addService(Greeter.class, this.greeter).build();
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop();
	}

	@Test
	void callsWithPositionalAndKeywordArgumentsAndReportsErrorsAsJsonRpcError(@TempDir Path temp) throws Exception {
		Path python = findOnPath("python3");
		assumeTrue(python != null, "python3 is not on the PATH");
		Path script = EXAMPLES.resolve("check_client.py");
		assertThat(script).as("the check script, from the module directory").isRegularFile();
		Path output = temp.resolve("output.txt");
		ProcessBuilder builder = new ProcessBuilder(python.toString(), script.getFileName().toString(),
				String.valueOf(this.server.port()))
			.directory(EXAMPLES.toFile())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile());
		// No __pycache__ in the source tree, and UTF-8 output whatever the locale.
		builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
		builder.environment().put("PYTHONIOENCODING", "utf-8");
		Process process = builder.start();
		boolean exited;
		try {
			exited = process.waitFor(SCRIPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		finally {
			if (process.isAlive()) {
				process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		String printed = Files.readString(output, StandardCharsets.UTF_8);
		assertThat(exited).as("the script ended within %s; it printed:%n%s", SCRIPT_TIMEOUT, printed).isTrue();
		assertThat(process.exitValue()).as("exit code; the script printed:%n%s", printed).isZero();
		assertThat(printed.lines()).containsExactly("positional: \"Hello, Ada\"", "numbers: 42",
				"keyword: {\"count\": 3, \"date\": \"2024-02-29\", \"name\": \"xyz\"}",
				"unicode: \"h\u00e9llo \u2713\"", "remote: -32000 boom java.lang.IllegalStateException",
				"unknown: -32601", "params: -32602",
				"both: TypeError", "after errors: \"Hello, again\"", "discover: [\"name\", \"date\"]");
		await().atMost(Duration.ofSeconds(5)).until(() -> this.greeter.echoed().contains("noted"));
		assertThat(this.greeter.echoed()).containsExactly("h\u00e9llo \u2713", "noted");
	}

	private static Path findOnPath(String command) {
		String path = System.getenv("PATH");
		if (path == null) {
			return null;
		}
		for (String directory : path.split(File.pathSeparator)) {
			if (directory.isEmpty()) {
				continue;
			}
			Path candidate = Paths.get(directory, command);
			if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		return null;
	}

}
