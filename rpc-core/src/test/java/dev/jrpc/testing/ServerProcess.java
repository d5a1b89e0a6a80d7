package dev.jrpc.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.jrpc.RpcServer;

/**
 * A jrpc server in a JVM of its own, started from the test classpath, so that a test can do to it
 * what happens to real processes: kill it ({@code SIGKILL}), freeze it ({@code SIGSTOP}) and thaw
 * it ({@code SIGCONT}). Its {@link Greeter} says on its standard output when a call of
 * {@code sleep} starts, so that a test knows which calls are running. Close it to kill it.
 */
public final class ServerProcess implements AutoCloseable {

	private static final String LISTENING = "listening ";

	private static final String SLEEPING = "sleeping";

	private final Process process;

	private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

	private final int port;

	private ServerProcess(int port) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		this.process = new ProcessBuilder(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp",
				System.getProperty("java.class.path"), ServerProcess.class.getName(), String.valueOf(port))
			.redirectErrorStream(true)
			.start();
		Thread reader = new Thread(this::readOutput, "server-process-output");
		reader.setDaemon(true);
		reader.start();
		String line = nextLine(LISTENING, 20);
		this.port = Integer.parseInt(line.substring(LISTENING.length()).trim());
	}

	/** Starts a server on {@code port}, or on a free port for 0, and waits until it listens. */
	public static ServerProcess start(int port) throws IOException {
		return new ServerProcess(port);
	}

	public int port() {
		return this.port;
	}

	/** Waits until {@code count} calls of {@code sleep} have started since the last wait. */
	public void awaitSleeping(int count) {
		for (int i = 0; i < count; i++) {
			nextLine(SLEEPING, 10);
		}
	}

	/** Kills it at once, as {@code kill -9} does: its connections end without a word. */
	public void kill() throws InterruptedException {
		this.process.destroyForcibly();
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			throw new IllegalStateException("the server process outlived SIGKILL for 10 s");
		}
	}

	/** Stops it, as {@code kill -STOP} does: its sockets stay open, and nothing reads or answers them. */
	public void freeze() throws IOException, InterruptedException {
		signal("STOP");
	}

	/** Lets a frozen server go on. */
	public void thaw() throws IOException, InterruptedException {
		signal("CONT");
	}

	private void signal(String name) throws IOException, InterruptedException {
		Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(this.process.pid())).inheritIO().start();
		if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
			throw new IllegalStateException("kill -" + name + " " + this.process.pid() + " failed");
		}
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			// A frozen process ignores nothing but SIGKILL, which is what this sends.
			kill();
		}
	}

	private void readOutput() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				this.lines.add(line);
			}
		}
		catch (IOException ex) {
			// the process ended
		}
	}

	/** The next line of its output that starts with {@code prefix}, skipping log lines. */
	private String nextLine(String prefix, int seconds) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		try {
			while (System.nanoTime() - deadline < 0) {
				String line = this.lines.poll(100, TimeUnit.MILLISECONDS);
				if (line != null && line.startsWith(prefix)) {
					return line;
				}
				if (line == null && !this.process.isAlive() && this.lines.isEmpty()) {
					throw new IllegalStateException("the server process exited with " + this.process.exitValue()
							+ " before it said '" + prefix.trim() + "'");
				}
			}
			throw new IllegalStateException("the server process said no '" + prefix.trim() + "' within " + seconds + " s");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The child's main: serves a {@link Greeter} on 127.0.0.1 and the given port until killed, or
	 * exits at once if it cannot listen.
	 */
	public static void main(String[] args) throws InterruptedException {
		RpcServer server = RpcServer.builder()
			.address("127.0.0.1")
			.port(Integer.parseInt(args[0]))
			.addService(Greeter.class, new DefaultGreeter() {

				@Override
				public String sleep(long millis) {
					System.out.println(SLEEPING);
					return super.sleep(millis);
				}

			})
			.build();
		try {
			server.start();
		}
		catch (RuntimeException ex) {
			ex.printStackTrace();
			System.exit(1);
		}
		System.out.println(LISTENING + server.port());
		Thread.currentThread().join();
	}

}
