package dev.jrpc.testing;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** A service interface for tests: one method per behaviour a test needs. */
public interface Greeter {

	String greet(String name);

	int add(int a, int b);

	List<Item> items(List<Item> items);

	Map<String, List<Item>> group(List<Item> items);

	Item item(String name, LocalDate date);

	void fail(String message);

	/** Throws {@link Unlisted}, which this method does not declare. */
	void failUnlisted(String message);

	void failDeclared(String message) throws Refused;

	String sleep(long millis);

	CompletableFuture<String> greetLater(String name);

	String echo(String text);

	default String greetTwice(String name) {
		return greet(name) + " " + greet(name);
	}

	/** A checked exception a method declares, so the client may rethrow it. */
	class Refused extends Exception {

		public Refused(String message) {
			super(message);
		}

	}

	/** A runtime exception no method declares. */
	class Unlisted extends RuntimeException {

		public Unlisted(String message) {
			super(message);
		}

	}

	/** A record that crosses the wire. */
	record Item(String name, int count, LocalDate date) {
	}

}
