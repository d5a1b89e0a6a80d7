package dev.jrpc.internal.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.netty.util.concurrent.EventExecutorGroup;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster layer of one proxy: picks an endpoint of the live set for each attempt, sends the
 * call there, and decides from how an attempt failed whether to try again.
 * <ul>
 * <li>A call that provably did not run (no connection, the write failed, refused as busy or
 * going away before the service started) is tried on another endpoint, whatever the method, as
 * long as its deadline allows; this costs the service nothing and draws nothing from the retry
 * budget.</li>
 * <li>A call that may have run (a timeout, a connection lost after the request was written) is
 * tried again only for an {@link dev.jrpc.Idempotent} method, up to the configured number of
 * attempts, after a short random backoff, never past the deadline, and only while the
 * {@link RetryBudget} allows. Any other call fails as it did: a non-idempotent write is never sent
 * twice.</li>
 * </ul>
 * Endpoints resting after a failed connection are passed over while others can be used; when
 * every one rests, the call makes one fresh attempt on the one whose rest ends first, then fails
 * naming each endpoint and why. An endpoint that times out again and again while others answer is
 * set aside for a while (outlier ejection), never the last one that could take calls. A call
 * waiting for its next attempt when its client closes fails at once, saying so ({@link WaitingCalls}).
 */
final class Cluster {

	private static final Logger logger = LoggerFactory.getLogger(Cluster.class);

	private final EndpointGroup group;

	private final LoadBalancer balancer;

	private final ClusterSettings settings;

	/** How often one call is sent again to a server that closed its connection under it (rpc.goaway). */
	private static final int MAX_RECONNECTS = 3;

	private final RetryBudget budget;

	private final Executor executor;

	private final EventExecutorGroup timers;

	private final WaitingCalls waiting;

	Cluster(EndpointGroup group, LoadBalancer balancer, ClusterSettings settings, Executor executor,
			EventExecutorGroup timers, WaitingCalls waiting) {
		this.group = group;
		this.balancer = balancer;
		this.settings = settings;
		this.budget = new RetryBudget(settings.budgetMaxTokens(), settings.budgetTokenRatio());
		this.executor = executor;
		this.timers = timers;
		this.waiting = waiting;
	}

	EndpointGroup group() {
		return this.group;
	}

	/** Makes the call; the future completes with its result, or exceptionally with what the caller sees. */
	CompletableFuture<@Nullable Object> call(OutgoingCall call) {
		Attempts attempts = new Attempts(call);
		attempts.next();
		return attempts;
	}

	/**
	 * The attempts of one call, and the future of its result. It is also the test of which
	 * endpoints its next attempt may use and the listener of each attempt, so that a call that
	 * succeeds at once allocates nothing more than itself.
	 */
	@SuppressWarnings("serial")
	private final class Attempts extends CompletableFuture<@Nullable Object>
			implements Predicate<Member>, AttemptListener, WaitingCalls.Waiter {

		private final OutgoingCall call;

		private int count;

		/** Endpoints this call tried and should not try again; made on the first failure. */
		private @Nullable List<Member> tried;

		/** Why each attempt failed, for the final message; made on the first failure. */
		private @Nullable List<String> failures;

		/** The time of the pick under way. */
		private long now;

		/** Whether, at the pick under way, some endpoint is neither resting nor set aside. */
		private boolean someoneAnswers;

		/** Whether, at the pick under way, some endpoint has an open connection. */
		private boolean someoneReady;

		private @Nullable CallFailure last;

		private boolean freshAttemptMade;

		/** Attempts made again on a server that sent its connection away. */
		private int reconnects;

		/** The endpoint of the attempt under way. */
		private @Nullable Member current;

		/** The timer of the wait under way before the next attempt, if any. */
		private volatile @Nullable ScheduledFuture<?> timer;

		Attempts(OutgoingCall call) {
			this.call = call;
		}

		/** Makes the next attempt, or ends the call when none is left; never throws. */
		void next() {
			try {
				attempt();
			}
			catch (RuntimeException | Error ex) {
				completeExceptionally(ex);
			}
		}

		private void attempt() {
			if (isDone()) {
				return;
			}
			if (Cluster.this.waiting.isClosed()) {
				finish(closedFailure());
				return;
			}
			if (System.nanoTime() - this.call.deadlineNanos() >= 0 || this.call.isAbandoned()) {
				finish((this.last != null) ? this.last : notSentInTime());
				return;
			}
			EndpointGroup group = Cluster.this.group;
			List<Member> members = group.members();
			if (members.isEmpty() && !group.firstSet().isDone()) {
				awaitFirstSet(group);
				return;
			}
			if (members.isEmpty()) {
				finish(new CallFailure.Connection("Could not call " + this.call.clientMethod().displayName()
						+ ": no endpoint of it is known (" + group.source() + ")", null, true));
				return;
			}
			long now = Cluster.this.settings.ticker().nanoTime();
			this.now = now;
			this.someoneAnswers = false;
			this.someoneReady = false;
			for (int i = 0; i < members.size() && !(this.someoneAnswers && this.someoneReady); i++) {
				ClientConnection connection = members.get(i).connection();
				boolean ejected = connection.isEjected(now);
				this.someoneAnswers |= !ejected && !connection.isInBackoff(now);
				this.someoneReady |= !ejected && connection.isReady();
			}
			Member member = Cluster.this.balancer.pick(members, this.call, this);
			if (member == null && !this.freshAttemptMade) {
				// Every endpoint rests: one fresh attempt, on the one whose rest ends first.
				this.freshAttemptMade = true;
				member = soonestOutOfBackoff(members);
			}
			if (member == null) {
				finish(exhausted(members, now));
				return;
			}
			this.count++;
			this.current = member;
			this.call.attemptedOn(member.connection().server());
			member.connection().send(this.call, this);
		}

		/** A discovery that gives its first set later, as a registry does: the call waits for it, within its deadline. */
		private void awaitFirstSet(EndpointGroup group) {
			waitThenRun(() -> {
				if (Cluster.this.waiting.stopWaiting(this)) {
					finish(new CallFailure.Timeout(this.call.clientMethod().displayName() + " found no endpoint within "
							+ this.call.timeoutMillis() + " ms: " + group.source() + " gave none yet", true));
				}
			}, this.call.deadlineNanos() - System.nanoTime());
			group.firstSet().whenComplete((ignored, failure) -> resume());
		}

		/**
		 * Waits before the next attempt: {@code atTimer} runs after {@code delayNanos} unless the wait ends
		 * otherwise first; a client that closed, or whose event loops stopped, ends the call instead.
		 */
		private void waitThenRun(Runnable atTimer, long delayNanos) {
			if (!Cluster.this.waiting.startWaiting(this)) {
				finish(closedFailure());
				return;
			}
			try {
				ScheduledFuture<?> timer = Cluster.this.timers.schedule(atTimer, delayNanos, TimeUnit.NANOSECONDS);
				this.timer = timer;
				if (isDone()) {
					// Ended before the timer was set (the client closed, or the caller cancelled): hold on to nothing.
					Cluster.this.waiting.stopWaiting(this);
					timer.cancel(false);
				}
			}
			catch (RejectedExecutionException ex) {
				if (Cluster.this.waiting.stopWaiting(this)) {
					finish(closedFailure());
				}
			}
		}

		/** The wait is over: the next attempt, unless the close or the timer ended the wait first. */
		private void resume() {
			if (Cluster.this.waiting.stopWaiting(this)) {
				cancelTimer();
				nextOnExecutor();
			}
		}

		@Override
		public void clientClosed() {
			cancelTimer();
			finish(closedFailure());
		}

		private void cancelTimer() {
			ScheduledFuture<?> timer = this.timer;
			if (timer != null) {
				timer.cancel(false);
			}
		}

		/** The next attempt, on the callback executor; a call the executor refuses fails, saying so. */
		private void nextOnExecutor() {
			try {
				Cluster.this.executor.execute(this::next);
			}
			catch (RejectedExecutionException ex) {
				finish(Cluster.this.waiting.isClosed() ? closedFailure()
						: new CallFailure.Connection("Could not call " + this.call.clientMethod().displayName()
								+ " again: the client's callback executor refused the next attempt", ex, true));
			}
		}

		/** The call ends because its client closed; the last attempt's failure, if any, says what happened before. */
		private CallFailure closedFailure() {
			CallFailure last = this.last;
			String message = "Could not call " + this.call.clientMethod().displayName() + ": its client is closed";
			return (last == null) ? new CallFailure.Connection(message, null, true)
					: new CallFailure.Connection(message + " (the last attempt: " + last.message() + ")",
							(last instanceof CallFailure.Connection connection) ? connection.cause() : null,
							last.retry() == CallFailure.Retry.NOT_RUN);
		}

		private CallFailure notSentInTime() {
			String method = this.call.clientMethod().displayName();
			if (this.call.deadlineInherited()) {
				return new CallFailure.Timeout(method + " was not sent: the call this thread serves has no time left"
						+ " (its caller's deadline has passed)", true);
			}
			return new CallFailure.Timeout(method + " could not be sent within " + this.call.timeoutMillis() + " ms",
					true);
		}

		/** The attempt under way ended, with a result or a {@link CallFailure}. */
		@Override
		public void attemptEnded(@Nullable Object outcome) {
			try {
				this.current.connection().ended(outcome);
				completed(this.current, outcome);
			}
			catch (RuntimeException | Error ex) {
				completeExceptionally(ex);
			}
		}

		/**
		 * Whether the next attempt may use {@code candidate}: not tried by this call, not resting, not
		 * set aside while others answer, and, while another has an open connection, not one whose
		 * last connection failed and that is still trying to connect again.
		 */
		@Override
		public boolean test(Member candidate) {
			ClientConnection connection = candidate.connection();
			return !isTried(candidate) && !connection.isInBackoff(this.now)
					&& (!this.someoneAnswers || !connection.isEjected(this.now))
					&& (!this.someoneReady || connection.isReady() || !connection.hasFailed());
		}

		private boolean isTried(Member member) {
			return this.tried != null && this.tried.contains(member);
		}

		private void tried(Member member) {
			if (this.tried == null) {
				this.tried = new ArrayList<>(2);
			}
			this.tried.add(member);
		}

		private @Nullable Member soonestOutOfBackoff(List<Member> members) {
			Member soonest = null;
			for (Member member : members) {
				if (!isTried(member) && (soonest == null
						|| member.connection().backoffUntil() - soonest.connection().backoffUntil() < 0)) {
					soonest = member;
				}
			}
			return soonest;
		}

		private void completed(Member member, @Nullable Object outcome) {
			if (!(outcome instanceof CallFailure failure)) {
				Cluster.this.budget.succeeded();
				complete(outcome);
				return;
			}
			this.last = failure;
			if (this.failures == null) {
				this.failures = new ArrayList<>(2);
			}
			this.failures.add(failure.message());
			maybeEject(member, failure);
			switch (failure.retry()) {
				case NOT_RUN -> {
					if (isGoingAway(failure) && this.reconnects < MAX_RECONNECTS) {
						// The server closes the connection, not its door: a new connection to it may take the call.
						this.reconnects++;
					}
					else {
						tried(member);
					}
					nextOnExecutor();
				}
				case MAY_HAVE_RUN -> {
					if (!this.call.isIdempotent()) {
						finish(failure);
						return;
					}
					Cluster.this.budget.failed();
					if (this.count < Cluster.this.settings.maxAttempts() && Cluster.this.budget.allowsRetry()) {
						retryLater(member);
					}
					else {
						finish(failure);
					}
				}
				case NEVER -> finish(failure);
			}
		}

		private static boolean isGoingAway(CallFailure failure) {
			return failure instanceof CallFailure.Connection connection && connection.goingAway();
		}

		/** Another attempt after a short random backoff, preferring another endpoint, if the deadline allows. */
		private void retryLater(Member member) {
			long ceiling = Math.min(Cluster.this.settings.retryMaxBackoffNanos(),
					Cluster.this.settings.retryInitialBackoffNanos() << Math.min(this.count - 1, 20));
			long delay = ThreadLocalRandom.current().nextLong(ceiling + 1);
			if (System.nanoTime() + delay - this.call.deadlineNanos() >= 0) {
				finish(this.last);
				return;
			}
			tried(member);
			if (this.tried.size() >= Cluster.this.group.members().size()) {
				this.tried.clear();
			}
			logger.debug("Trying {} again in {} ms after: {}", this.call.clientMethod().displayName(),
					TimeUnit.NANOSECONDS.toMillis(delay), this.last.message());
			waitThenRun(this::resume, delay);
		}

		/** Sets {@code member} aside after repeated timeouts, while another endpoint can take its calls. */
		private void maybeEject(Member member, CallFailure failure) {
			ClientConnection connection = member.connection();
			if (!(failure instanceof CallFailure.Timeout)
					|| connection.consecutiveTimeouts() < Cluster.this.settings.ejectAfterTimeouts()) {
				return;
			}
			long now = Cluster.this.settings.ticker().nanoTime();
			boolean another = Cluster.this.group.members()
				.stream()
				.anyMatch((other) -> other != member && !other.connection().isEjected(now)
						&& !other.connection().isInBackoff(now));
			if (another) {
				connection.eject(now, Cluster.this.settings.ejectionNanos());
				logger.warn("Setting {} aside: {} calls in a row timed out while other endpoints answer",
						connection.server(), Cluster.this.settings.ejectAfterTimeouts());
			}
		}

		/** Every endpoint was tried, or rests: the failure names each and why. */
		private CallFailure exhausted(List<Member> members, long now) {
			if (this.last != null && !(this.last instanceof CallFailure.Connection)) {
				return this.last;
			}
			StringBuilder message = new StringBuilder("Could not call ").append(this.call.clientMethod().displayName())
				.append(": no endpoint of ")
				.append(Cluster.this.group.source())
				.append(" could take it: ");
			for (int i = 0; i < members.size(); i++) {
				message.append((i > 0) ? ", " : "").append(members.get(i).connection().describe(now));
			}
			if (this.failures != null) {
				message.append("; ").append(String.join("; ", this.failures));
			}
			return new CallFailure.Connection(message.toString(),
					(this.last instanceof CallFailure.Connection connection) ? connection.cause() : null, true);
		}

		private void finish(CallFailure failure) {
			completeExceptionally(failure.toException());
		}

	}

}
