package dev.jrpc.testing;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/** The test implementation of {@link Greeter}. */
public class DefaultGreeter implements Greeter {

	@Override
	public String greet(String name) {
		return "Hello, " + name;
	}

	@Override
	public int add(int a, int b) {
		return a + b;
	}

	@Override
	public List<Item> items(List<Item> items) {
		return items;
	}

	@Override
	public Map<String, List<Item>> group(List<Item> items) {
		return items.stream().collect(Collectors.groupingBy(Item::name));
	}

	@Override
	public Item item(String name, LocalDate date) {
		return new Item(name, name.length(), date);
	}

	@Override
	public void fail(String message) {
		throw new IllegalStateException(message);
	}

	@Override
	public void failUnlisted(String message) {
		throw new Unlisted(message);
	}

	@Override
	public void failDeclared(String message) throws Refused {
		throw new Refused(message);
	}

	@Override
	public String sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return "slept " + millis;
	}

	@Override
	public CompletableFuture<String> greetLater(String name) {
		return CompletableFuture.supplyAsync(() -> greet(name));
	}

	@Override
	public String echo(String text) {
		return text;
	}

}
