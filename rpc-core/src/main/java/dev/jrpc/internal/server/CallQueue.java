package dev.jrpc.internal.server;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * The calls waiting for a worker, in one lane per connection, bounded and fair:
 * <ul>
 * <li>Free workers take calls round-robin between the lanes that have some, so that a quiet
 * connection's call runs as soon as a worker frees up, however many calls busy connections have
 * queued.</li>
 * <li>When the queue is full, the newest call of the longest lane is refused (longest-queue drop):
 * the call that arrives is refused only when no other lane holds more calls waiting than its own,
 * or when none waits at all because every place is taken by a running call.</li>
 * <li>A call whose deadline passes while it waits is taken out and ended at that moment by a sweep
 * that runs every {@value #SWEEP_MILLIS} ms while calls wait, not when a worker reaches it; its
 * place is free at once.</li>
 * </ul>
 * One lock guards it, taken twice per call, once to add it and once to take it; no JDK or Netty
 * queue orders by connection and drops from the longest. Measured at 32 threads on the benchmark's
 * 16-character echo and createUser, two short pairs each against the call path without it, it
 * came out at 0.98x and 0.95x, within this machine's run-to-run spread.
 */
final class CallQueue {

	/** How often waiting calls are checked against their deadlines. */
	static final long SWEEP_MILLIS = 10;

	/** A call waiting for a worker. */
	interface Waiting {

		/** The {@link System#nanoTime()} by which it must start, or {@link CurrentCall#NO_DEADLINE}. */
		long deadline();

	}

	/** The calls of one connection, oldest first; only touched under the queue's lock. */
	static final class Lane {

		private final ArrayDeque<Waiting> calls = new ArrayDeque<>();

		private boolean inTurn;

	}

	/** What {@link #offer} did. */
	sealed interface Offer {

		/** The call waits for a worker. */
		Offer QUEUED = new Queued();

		/** The queue is full and the call's own lane is the longest: refuse it. */
		Offer REFUSED = new Refused();

		record Queued() implements Offer {
		}

		record Refused() implements Offer {
		}

		/** The call waits, in place of {@code refused}, the newest call of a longer lane: refuse that one. */
		record Displaced(Waiting refused) implements Offer {
		}

	}

	private final int capacity;

	private final ScheduledExecutorService timer;

	private final Consumer<Waiting> expired;

	/** Lanes with calls, in turn; only touched under the lock. */
	private final ArrayDeque<Lane> turns = new ArrayDeque<>();

	private int size;

	/** Calls taken by a worker whose method has not returned yet. */
	private final AtomicInteger running = new AtomicInteger();

	private boolean sweepScheduled;

	/**
	 * @param capacity most calls that may wait or run at once
	 * @param timer where the deadline sweep runs
	 * @param expired what ends a call whose deadline passed while it waited; called outside the lock
	 */
	CallQueue(int capacity, ScheduledExecutorService timer, Consumer<Waiting> expired) {
		this.capacity = capacity;
		this.timer = timer;
		this.expired = expired;
	}

	/** Adds {@code call} to {@code lane}, or says which call to refuse when the queue is full. */
	Offer offer(Lane lane, Waiting call) {
		Offer offer;
		boolean sweep;
		synchronized (this) {
			offer = Offer.QUEUED;
			if (this.size + this.running.get() >= this.capacity) {
				Lane longest = longest();
				if (longest == null || longest.calls.size() <= lane.calls.size()) {
					return Offer.REFUSED;
				}
				offer = new Offer.Displaced(removeNewest(longest));
			}
			lane.calls.addLast(call);
			if (!lane.inTurn) {
				lane.inTurn = true;
				this.turns.addLast(lane);
			}
			this.size++;
			sweep = call.deadline() != CurrentCall.NO_DEADLINE && !this.sweepScheduled;
			if (sweep) {
				this.sweepScheduled = true;
			}
		}
		if (sweep) {
			scheduleSweep();
		}
		return offer;
	}

	/**
	 * The oldest call of the next lane in turn, or null when none waits. A call taken counts
	 * against the capacity until {@link #finished()}.
	 */
	synchronized @Nullable Waiting poll() {
		Lane lane = this.turns.pollFirst();
		if (lane == null) {
			return null;
		}
		Waiting call = lane.calls.pollFirst();
		if (lane.calls.isEmpty()) {
			lane.inTurn = false;
		}
		else {
			this.turns.addLast(lane);
		}
		this.size--;
		this.running.incrementAndGet();
		return call;
	}

	/** A call {@link #poll taken} has run: its place is free. */
	void finished() {
		this.running.decrementAndGet();
	}

	/** Takes {@code call} out of {@code lane}, if it still waits there; true if it did. */
	synchronized boolean remove(Lane lane, Waiting call) {
		if (!lane.calls.removeFirstOccurrence(call)) {
			return false;
		}
		this.size--;
		if (lane.calls.isEmpty()) {
			lane.inTurn = false;
			this.turns.remove(lane);
		}
		return true;
	}

	/** Takes out every call still waiting in {@code lane}, oldest first: its connection closed. */
	synchronized List<Waiting> removeAll(Lane lane) {
		if (lane.calls.isEmpty()) {
			return List.of();
		}
		List<Waiting> removed = new ArrayList<>(lane.calls);
		this.size -= removed.size();
		lane.calls.clear();
		lane.inTurn = false;
		this.turns.remove(lane);
		return removed;
	}

	synchronized int size() {
		return this.size;
	}

	private @Nullable Lane longest() {
		Lane longest = null;
		for (Lane lane : this.turns) {
			if (longest == null || lane.calls.size() > longest.calls.size()) {
				longest = lane;
			}
		}
		return longest;
	}

	private Waiting removeNewest(Lane lane) {
		Waiting newest = lane.calls.pollLast();
		this.size--;
		if (lane.calls.isEmpty()) {
			lane.inTurn = false;
			this.turns.remove(lane);
		}
		return newest;
	}

	private void scheduleSweep() {
		try {
			this.timer.schedule(this::sweep, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
		}
		catch (RuntimeException ex) {
			// The timer is shut down with the server: the calls still waiting end with it.
			synchronized (this) {
				this.sweepScheduled = false;
			}
		}
	}

	/** Ends the waiting calls whose deadline has passed, and checks again later while some have one. */
	private void sweep() {
		List<Waiting> late = null;
		boolean again = false;
		long now = System.nanoTime();
		synchronized (this) {
			for (Iterator<Lane> lanes = this.turns.iterator(); lanes.hasNext();) {
				Lane lane = lanes.next();
				for (Iterator<Waiting> calls = lane.calls.iterator(); calls.hasNext();) {
					Waiting call = calls.next();
					long deadline = call.deadline();
					if (deadline == CurrentCall.NO_DEADLINE) {
						continue;
					}
					if (now - deadline > 0) {
						calls.remove();
						this.size--;
						if (late == null) {
							late = new ArrayList<>();
						}
						late.add(call);
					}
					else {
						again = true;
					}
				}
				if (lane.calls.isEmpty()) {
					lane.inTurn = false;
					lanes.remove();
				}
			}
			this.sweepScheduled = again;
		}
		if (late != null) {
			late.forEach(this.expired);
		}
		if (again) {
			scheduleSweep();
		}
	}

}
