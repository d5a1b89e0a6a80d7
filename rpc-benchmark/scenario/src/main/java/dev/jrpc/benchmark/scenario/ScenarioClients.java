package dev.jrpc.benchmark.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * The scenario over several separate clients, one connection each, for the connection sweep:
 * each caller thread takes its own share of the clients and uses them in turn, so that 32 threads
 * over 256 connections use every connection, and 32 threads over 16 put two threads on each.
 */
public final class ScenarioClients {

	private final List<ScenarioClient> clients;

	public ScenarioClients(List<ScenarioClient> clients) {
		if (clients.isEmpty()) {
			throw new IllegalArgumentException("At least one client is needed");
		}
		this.clients = List.copyOf(clients);
	}

	/** The first client, to verify the answers once. */
	public ScenarioClient first() {
		return this.clients.get(0);
	}

	/**
	 * The clients of caller {@code index} of {@code count}: those whose position is the caller's
	 * index modulo the caller count, or, with fewer clients than callers, the one at the caller's
	 * index modulo the client count.
	 */
	public Caller caller(int index, int count) {
		List<ScenarioClient> share = new ArrayList<>();
		if (this.clients.size() <= count) {
			share.add(this.clients.get(index % this.clients.size()));
		}
		else {
			for (int i = index; i < this.clients.size(); i += count) {
				share.add(this.clients.get(i));
			}
		}
		return new Caller(share.toArray(ScenarioClient[]::new));
	}

	/** One caller thread's clients, used in turn; not thread-safe, as it belongs to one thread. */
	public static final class Caller {

		private final ScenarioClient[] clients;

		private int next;

		Caller(ScenarioClient[] clients) {
			this.clients = clients;
		}

		/** The client for this call. */
		public ScenarioClient next() {
			ScenarioClient client = this.clients[this.next];
			this.next = (this.next + 1 == this.clients.length) ? 0 : this.next + 1;
			return client;
		}

	}

}
