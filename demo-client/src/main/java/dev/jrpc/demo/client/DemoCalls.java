package dev.jrpc.demo.client;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Supplier;

import dev.jrpc.RpcErrorCodes;
import dev.jrpc.RpcRemoteException;
import dev.jrpc.demo.api.GreetingService;
import dev.jrpc.demo.api.Order;
import dev.jrpc.demo.api.OrderLine;
import dev.jrpc.demo.api.OrderService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The demo's calls, made once the application has started: a plain call, a call returning a
 * record with a list and a {@code java.time} value, a call returning a list of records, and a
 * call whose remote exception is caught and shown. Stops at the first call that does not behave
 * as expected, and makes the application exit with 1 then.
 */
@Component
@ConditionalOnProperty(name = "demo.cluster.enabled", havingValue = "false", matchIfMissing = true)
class DemoCalls implements ApplicationRunner, ExitCodeGenerator {

	/** Client beans of the remote services, at rpc.client.address. */
	private final GreetingService greetings;

	private final OrderService orders;

	private final String address;

	private final PrintStream out = System.out;

	private int exitCode;

	DemoCalls(GreetingService greetings, OrderService orders, @Value("${rpc.client.address}") String address) {
		this.greetings = greetings;
		this.orders = orders;
		this.address = address;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.out.println();
		this.out.println("jrpc demo client: calling the demo server at " + this.address);
		boolean passed = returns("1. A plain call: greetings.greet(\"Ada\")",
				() -> '"' + this.greetings.greet("Ada") + '"')
				&& returns("2. A record with a list and a java.time.Instant: orders.findOrder(1)",
						() -> describe(this.orders.findOrder(1)))
				&& returns("3. A list of records: orders.ordersOf(\"Ada Lovelace\")",
						() -> describe(this.orders.ordersOf("Ada Lovelace")))
				&& throwsRemoteException("4. A call that throws on the server: orders.findOrder(999)",
						() -> this.orders.findOrder(999));
		this.out.println();
		this.out.println(passed ? "All calls behaved as expected." : "The demo FAILED: see the call above.");
		this.exitCode = passed ? 0 : 1;
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

	/** Makes a call that should succeed and prints its result; false, after printing why, when it fails. */
	private boolean returns(String title, Supplier<String> call) {
		this.out.println();
		this.out.println(title);
		try {
			this.out.println("   -> " + call.get());
			return true;
		}
		catch (RuntimeException ex) {
			this.out.println("   FAILED with " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
			return false;
		}
	}

	/**
	 * Makes a call that should fail on the server with an IllegalArgumentException, and prints what
	 * the client learns: jrpc rethrows common JDK exceptions (and those the method declares) as
	 * themselves, with the remote details in an RpcRemoteException as the cause.
	 */
	private boolean throwsRemoteException(String title, Supplier<?> call) {
		this.out.println();
		this.out.println(title);
		try {
			Object result = call.get();
			this.out.println("   FAILED: expected an IllegalArgumentException, got " + result);
			return false;
		}
		catch (IllegalArgumentException ex) {
			this.out.println("   -> threw " + ex.getClass().getName() + ": " + ex.getMessage() + ", as expected");
			if (ex.getCause() instanceof RpcRemoteException remote) {
				this.out.println("      its cause, the RpcRemoteException:");
				this.out.println("      getMessage():    " + remote.getMessage());
				this.out.println("      remoteType():    " + remote.remoteType());
				this.out.println("      code():          " + remote.code()
						+ ((remote.code() == RpcErrorCodes.APPLICATION_ERROR) ? " (application error: the service threw)" : ""));
				this.out.println("      remoteMessage(): " + remote.remoteMessage());
			}
			return true;
		}
		catch (RuntimeException ex) {
			this.out.println("   FAILED with " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
			return false;
		}
	}

	private static String describe(Order order) {
		StringBuilder text = new StringBuilder();
		text.append("Order ").append(order.id()).append(" for ").append(order.customer());
		text.append(", placed at ").append(order.placedAt());
		text.append(" (a ").append(order.placedAt().getClass().getName()).append(')');
		BigDecimal total = BigDecimal.ZERO;
		for (OrderLine line : order.lines()) {
			BigDecimal amount = line.unitPrice().multiply(BigDecimal.valueOf(line.quantity()));
			total = total.add(amount);
			text.append("%n        %4d x %-32s at %6s = %8s".formatted(line.quantity(), line.product(), line.unitPrice(),
					amount));
		}
		text.append("%n        %s, total %s".formatted(count(order.lines().size(), "line"), total));
		return text.toString();
	}

	private static String describe(List<Order> orders) {
		StringBuilder text = new StringBuilder(count(orders.size(), "order"));
		for (Order order : orders) {
			text.append("%n        order %d, placed at %s, %s".formatted(order.id(), order.placedAt(),
					count(order.lines().size(), "line")));
		}
		return text.toString();
	}

	private static String count(int count, String noun) {
		return count + " " + noun + ((count == 1) ? "" : "s");
	}

}
