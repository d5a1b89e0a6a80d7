package dev.jrpc.internal.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

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
 * set aside for a while (outlier ejection), never the last one that could take calls.
 */
final class Cluster {

	private static final Logger logger = LoggerFactory.getLogger(Cluster.class);

	private final EndpointGroup group;

	private final LoadBalancer balancer;

	private final ClusterSettings settings;

	private final RetryBudget budget;

	private final Executor executor;

	private final EventExecutorGroup timers;

	Cluster(EndpointGroup group, LoadBalancer balancer, ClusterSettings settings, Executor executor,
			EventExecutorGroup timers) {
		this.group = group;
		this.balancer = balancer;
		this.settings = settings;
		this.budget = new RetryBudget(settings.budgetMaxTokens(), settings.budgetTokenRatio());
		this.executor = executor;
		this.timers = timers;
	}

	EndpointGroup group() {
		return this.group;
	}

	/** Makes the call; the future completes with its result, or exceptionally with what the caller sees. */
	CompletableFuture<@Nullable Object> call(OutgoingCall call) {
		Attempts attempts = new Attempts(call);
		attempts.next();
		return attempts.result;
	}

	/** The attempts of one call. */
	private final class Attempts {

		private final OutgoingCall call;

		private final CompletableFuture<@Nullable Object> result = new CompletableFuture<>();

		private int count;

		/** Endpoints this call tried and should not try again; small, so a list. */
		private final List<Member> tried = new ArrayList<>(2);

		/** Why each attempt failed, for the final message. */
		private final List<String> failures = new ArrayList<>(2);

		private @Nullable CallFailure last;

		private boolean freshAttemptMade;

		Attempts(OutgoingCall call) {
			this.call = call;
		}

		void next() {
			long now = Cluster.this.settings.ticker().nanoTime();
			if (now - this.call.deadlineNanos() >= 0) {
				finish((this.last != null) ? this.last : new CallFailure.Timeout(this.call.clientMethod().displayName()
						+ " could not be sent within " + this.call.timeoutMillis() + " ms"));
				return;
			}
			List<Member> members = Cluster.this.group.members();
			if (members.isEmpty()) {
				finish(new CallFailure.Connection("Could not call " + this.call.clientMethod().displayName()
						+ ": no endpoint of it is known (" + Cluster.this.group.source() + ")", null, true));
				return;
			}
			boolean someoneAnswers = members.stream()
				.anyMatch((member) -> !member.connection().isEjected(now) && !member.connection().isInBackoff(now));
			Member member = Cluster.this.balancer.pick(members, this.call,
					(candidate) -> !this.tried.contains(candidate) && !candidate.connection().isInBackoff(now)
							&& (!someoneAnswers || !candidate.connection().isEjected(now)));
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
			Member chosen = member;
			chosen.connection().send(this.call, Cluster.this.executor)
				.whenComplete((outcome, ignored) -> completed(chosen, outcome));
		}

		private @Nullable Member soonestOutOfBackoff(List<Member> members) {
			Member soonest = null;
			for (Member member : members) {
				if (!this.tried.contains(member) && (soonest == null
						|| member.connection().backoffUntil() - soonest.connection().backoffUntil() < 0)) {
					soonest = member;
				}
			}
			return soonest;
		}

		private void completed(Member member, @Nullable Object outcome) {
			if (!(outcome instanceof CallFailure failure)) {
				Cluster.this.budget.succeeded();
				this.result.complete(outcome);
				return;
			}
			this.last = failure;
			this.failures.add(failure.message());
			maybeEject(member, failure);
			switch (failure.retry()) {
				case NOT_RUN -> {
					this.tried.add(member);
					Cluster.this.executor.execute(this::next);
				}
				case MAY_HAVE_RUN -> {
					Cluster.this.budget.failed();
					if (this.call.isIdempotent() && this.count < Cluster.this.settings.maxAttempts()
							&& Cluster.this.budget.allowsRetry()) {
						retryLater(member);
					}
					else {
						finish(failure);
					}
				}
				case NEVER -> finish(failure);
			}
		}

		/** Another attempt after a short random backoff, preferring another endpoint, if the deadline allows. */
		private void retryLater(Member member) {
			long ceiling = Math.min(Cluster.this.settings.retryMaxBackoffNanos(),
					Cluster.this.settings.retryInitialBackoffNanos() << Math.min(this.count - 1, 20));
			long delay = ThreadLocalRandom.current().nextLong(ceiling + 1);
			if (Cluster.this.settings.ticker().nanoTime() + delay - this.call.deadlineNanos() >= 0) {
				finish(this.last);
				return;
			}
			this.tried.add(member);
			if (this.tried.size() >= Cluster.this.group.members().size()) {
				this.tried.clear();
			}
			logger.debug("Trying {} again in {} ms after: {}", this.call.clientMethod().displayName(),
					TimeUnit.NANOSECONDS.toMillis(delay), this.last.message());
			Cluster.this.timers.schedule(() -> Cluster.this.executor.execute(this::next), delay, TimeUnit.NANOSECONDS);
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
			if (!this.failures.isEmpty()) {
				message.append("; ").append(String.join("; ", this.failures));
			}
			return new CallFailure.Connection(message.toString(),
					(this.last instanceof CallFailure.Connection connection) ? connection.cause() : null, true);
		}

		private void finish(CallFailure failure) {
			this.result.completeExceptionally(failure.toException());
		}

	}

}
