package dev.jrpc.benchmark.scenario;

/**
 * The measured cases, in report order. {@link #method()} is the name of the {@code @Benchmark}
 * method that measures the case in every system's client, which is how the report finds it in
 * JMH's results.
 */
public enum ScenarioCase {

	EXIST_USER("existUser", "existUser(email)", true),

	CREATE_USER("createUser", "createUser(user)", true),

	GET_USER("getUser", "getUser(id)", true),

	LIST_USER("listUser", "listUser(pageNo)", true),

	ECHO_SHORT("echoShort", "echo, 16 characters", false),

	ECHO_LARGE("echoLarge", "echo, 256 KiB", false);

	private final String method;

	private final String title;

	private final boolean userService;

	ScenarioCase(String method, String title, boolean userService) {
		this.method = method;
		this.title = title;
		this.userService = userService;
	}

	public String method() {
		return this.method;
	}

	public String title() {
		return this.title;
	}

	/** Whether this is one of rpc-benchmark's four UserService operations. */
	public boolean isUserService() {
		return this.userService;
	}

	/** The case measured by the benchmark method {@code method}. */
	public static ScenarioCase ofMethod(String method) {
		for (ScenarioCase each : values()) {
			if (each.method.equals(method)) {
				return each;
			}
		}
		throw new IllegalArgumentException("No case is measured by a method named '" + method + "'");
	}

}
