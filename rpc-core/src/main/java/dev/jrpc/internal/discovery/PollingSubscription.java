package dev.jrpc.internal.discovery;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.jrpc.discovery.Endpoint;
import dev.jrpc.discovery.EndpointDiscovery;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A watch over a source that cannot push, such as DNS or a registry's catalogue: it looks the
 * endpoints up again every interval on a scheduler, and tells its listener only of a set that
 * differs from the last one. A failed look-up keeps the set last found, and is logged once for the
 * whole streak of failures; when no look-up has succeeded yet, the listener hears of an empty set.
 * <p>
 * One look-up runs at a time, and the listener is never called for two sets at once. Once
 * {@link #close()} returns, the listener is called no more.
 */
public final class PollingSubscription implements EndpointDiscovery.Subscription {

	private static final Logger logger = LoggerFactory.getLogger(PollingSubscription.class);

	private final String source;

	private final Lookup lookup;

	private final Consumer<List<Endpoint>> listener;

	private final Duration interval;

	/** Held for a whole refresh, so that look-ups do not overlap. */
	private final Object refreshing = new Object();

	private volatile boolean closed;

	/** The set the listener was last given; null until the first refresh. Guarded by this. */
	private @Nullable List<Endpoint> current;

	/** Whether the last look-up failed. Guarded by this. */
	private boolean failing;

	/** Guarded by this. */
	private @Nullable ScheduledFuture<?> schedule;

	/**
	 * @param source what is looked up, for the logs, such as {@code DNS name example.com}
	 * @param lookup gives the whole current set, in an order that is the same for the same set
	 * @param listener hears of each changed set
	 * @param interval the time between the end of a look-up and the start of the next, positive
	 */
	public PollingSubscription(String source, Lookup lookup, Consumer<List<Endpoint>> listener, Duration interval) {
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("The refresh interval must be positive, was " + interval);
		}
		this.source = Objects.requireNonNull(source, "source");
		this.lookup = Objects.requireNonNull(lookup, "lookup");
		this.listener = Objects.requireNonNull(listener, "listener");
		this.interval = interval;
	}

	/** Looks the endpoints up now, on the calling thread, and tells the listener if they changed. */
	public void refresh() {
		synchronized (this.refreshing) {
			if (this.closed) {
				return;
			}
			List<Endpoint> found = null;
			Exception failure = null;
			try {
				found = List.copyOf(this.lookup.lookUp());
			}
			catch (Exception ex) {
				failure = ex;
			}
			synchronized (this) {
				if (this.closed) {
					return;
				}
				if (found != null) {
					succeeded(found);
				}
				else {
					failed(Objects.requireNonNull(failure));
				}
			}
		}
	}

	/**
	 * Refreshes every interval on {@code scheduler}, the first time after {@code initialDelay}.
	 * Does nothing once closed.
	 */
	public void schedule(ScheduledExecutorService scheduler, Duration initialDelay) {
		synchronized (this) {
			if (this.closed) {
				return;
			}
			if (this.schedule != null) {
				throw new IllegalStateException("The refresh of " + this.source + " is already scheduled");
			}
			this.schedule = scheduler.scheduleWithFixedDelay(this::refresh, initialDelay.toNanos(),
					this.interval.toNanos(), TimeUnit.NANOSECONDS);
		}
	}

	/** Cancels the refresh; the listener is called no more. */
	@Override
	public void close() {
		synchronized (this) {
			this.closed = true;
			if (this.schedule != null) {
				this.schedule.cancel(false);
			}
		}
	}

	private void succeeded(List<Endpoint> found) {
		if (this.failing) {
			this.failing = false;
			logger.info("Looked up {} again: {} endpoints", this.source, found.size());
		}
		if (!found.equals(this.current)) {
			push(found);
		}
	}

	private void failed(Exception failure) {
		if (!this.failing) {
			this.failing = true;
			if (this.current == null || this.current.isEmpty()) {
				logger.warn("Cannot look up {} ({}); no endpoint known yet, trying again every {}", this.source,
						failure.toString(), format(this.interval));
			}
			else {
				logger.warn("Cannot look up {} ({}); keeping the {} endpoints last found, trying again every {}",
						this.source, failure.toString(), this.current.size(), format(this.interval));
			}
		}
		if (this.current == null) {
			push(List.of());
		}
	}

	private void push(List<Endpoint> endpoints) {
		this.current = endpoints;
		try {
			this.listener.accept(endpoints);
		}
		catch (RuntimeException ex) {
			logger.warn("The listener of {} failed on {} endpoints", this.source, endpoints.size(), ex);
		}
	}

	/** {@code 30s}, {@code 1m30s}. */
	private static String format(Duration duration) {
		return duration.toString().substring(2).toLowerCase(Locale.ROOT);
	}

	/** Looks up the current endpoints of one service; may block. */
	@FunctionalInterface
	public interface Lookup {

		/**
		 * The whole current set, in an order that is the same for the same set.
		 * @throws Exception when the source cannot tell; the set last found is kept
		 */
		List<Endpoint> lookUp() throws Exception;

	}

}
