package dev.jrpc.internal.transport;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import org.jspecify.annotations.Nullable;

/**
 * One event loop group that many holders share, made by the first {@link #acquire()} and shut down
 * when the last holder {@link #release releases} it; the next acquire makes a new one.
 * <p>
 * Clients share their event loops through it, as gRPC-Java's channels and Armeria's clients do by
 * default: before, each client had its own loops, so a JVM with many clients had a thread per
 * connection, each woken for its connection's few frames. In rpc-benchmark's connection sweep (32
 * threads over separate clients, the client JVM on one core), sharing took {@code getUser} from
 * 13,136 to 39,055 calls/s over 16 clients and from 4,662 to 13,435 over 256
 * ({@code rpc-benchmark/results/2026-12-03-shared-event-loops.md}).
 */
public final class SharedEventLoopGroup {

	/** The loops of every client that was not given threads of its own. */
	public static final SharedEventLoopGroup CLIENTS = new SharedEventLoopGroup(() -> Transport.detect()
		.newEventLoopGroup(defaultClientThreads(), "jrpc-client", true));

	private final Supplier<EventLoopGroup> factory;

	private @Nullable EventLoopGroup group;

	private int holders;

	SharedEventLoopGroup(Supplier<EventLoopGroup> factory) {
		this.factory = factory;
	}

	/** Event loop threads of a client's group unless it is given another number: up to 4. */
	public static int defaultClientThreads() {
		return Math.min(4, Runtime.getRuntime().availableProcessors());
	}

	/** The group, made now when nobody holds it; every acquire needs its own release. */
	public synchronized EventLoopGroup acquire() {
		EventLoopGroup current = this.group;
		if (current == null) {
			current = this.factory.get();
			this.group = current;
		}
		this.holders++;
		return current;
	}

	/**
	 * Gives back a group {@link #acquire() acquired} here; the last holder's release shuts it down
	 * and returns its termination, any other an already completed future.
	 * @throws IllegalStateException if {@code acquired} is not the group held here now
	 */
	public synchronized Future<?> release(EventLoopGroup acquired) {
		if (acquired != this.group || this.holders == 0) {
			throw new IllegalStateException("Released an event loop group that is not held here");
		}
		if (--this.holders > 0) {
			return ImmediateEventExecutor.INSTANCE.newSucceededFuture(null);
		}
		this.group = null;
		return acquired.shutdownGracefully(0, 2, TimeUnit.SECONDS);
	}

	/** Holders of the group now. */
	synchronized int holders() {
		return this.holders;
	}

}
