package dev.jrpc.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link Replica} that answers with its name and counts what it runs. */
public class NamedReplica implements Replica {

	private final String name;

	private final AtomicInteger calls = new AtomicInteger();

	private final Map<String, AtomicInteger> writes;

	/** @param writes executions of {@link #write} by key, shared by the replicas of a test */
	public NamedReplica(String name, Map<String, AtomicInteger> writes) {
		this.name = name;
		this.writes = writes;
	}

	public NamedReplica(String name) {
		this(name, new ConcurrentHashMap<>());
	}

	/** Calls this replica ran. */
	public int calls() {
		return this.calls.get();
	}

	@Override
	public String name() {
		this.calls.incrementAndGet();
		return this.name;
	}

	@Override
	public String nameFor(String key) {
		this.calls.incrementAndGet();
		return this.name;
	}

	@Override
	public String nameAfter(long millis) {
		this.calls.incrementAndGet();
		sleep(millis);
		return this.name;
	}

	@Override
	public String write(String key, long millis) {
		this.calls.incrementAndGet();
		this.writes.computeIfAbsent(key, (ignored) -> new AtomicInteger()).incrementAndGet();
		sleep(millis);
		return this.name;
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
