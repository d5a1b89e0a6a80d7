package dev.jrpc.benchmark.scenario;

import java.util.Arrays;
import java.util.List;

/**
 * The measured cases, in report order. {@link #method()} is the name of the {@code @Benchmark}
 * method that measures the case in every system's client, which is how the report finds it in
 * JMH's results. The main run measures the UserService operations and two echoes; the payload
 * sweep adds the other echoes.
 */
public enum ScenarioCase {

	EXIST_USER("existUser", "existUser(email)", Kind.USER_SERVICE, 0),

	CREATE_USER("createUser", "createUser(user)", Kind.USER_SERVICE, 0),

	GET_USER("getUser", "getUser(id)", Kind.USER_SERVICE, 0),

	LIST_USER("listUser", "listUser(pageNo)", Kind.USER_SERVICE, 0),

	ECHO_SHORT("echoShort", "echo, 16 characters", Kind.ECHO, EchoPayloads.SHORT.length()),

	ECHO_LARGE("echoLarge", "echo, 256 KiB", Kind.ECHO, EchoPayloads.LARGE.length()),

	ECHO_1_KIB("echo1Kib", "echo, 1 KiB", Kind.SWEEP, EchoPayloads.KIB_1.length()),

	ECHO_16_KIB("echo16Kib", "echo, 16 KiB", Kind.SWEEP, EchoPayloads.KIB_16.length()),

	ECHO_4_MIB("echo4Mib", "echo, 4 MiB", Kind.SWEEP, EchoPayloads.MIB_4.length()),

	ECHO_BYTES_1_MIB("echoBytes1Mib", "echo, 1 MiB byte[]", Kind.SWEEP, EchoPayloads.sharedBytes1Mib().length);

	private final String method;

	private final String title;

	private final Kind kind;

	private final int payloadBytes;

	ScenarioCase(String method, String title, Kind kind, int payloadBytes) {
		this.method = method;
		this.title = title;
		this.kind = kind;
		this.payloadBytes = payloadBytes;
	}

	public String method() {
		return this.method;
	}

	public String title() {
		return this.title;
	}

	/** Whether this is one of rpc-benchmark's four UserService operations. */
	public boolean isUserService() {
		return this.kind == Kind.USER_SERVICE;
	}

	/** Whether the main run measures this case; the others belong to the payload sweep only. */
	public boolean isMainRun() {
		return this.kind != Kind.SWEEP;
	}

	/** The bytes an echo sends, and gets back, as the string's UTF-8 or the array; 0 for the others. */
	public int payloadBytes() {
		return this.payloadBytes;
	}

	/** The cases of the main run, in report order. */
	public static List<ScenarioCase> mainRun() {
		return Arrays.stream(values()).filter(ScenarioCase::isMainRun).toList();
	}

	/** The echoes, smallest payload first, the byte array last: the payload sweep's rows. */
	public static List<ScenarioCase> payloadSweep() {
		return List.of(ECHO_SHORT, ECHO_1_KIB, ECHO_16_KIB, ECHO_LARGE, ECHO_4_MIB, ECHO_BYTES_1_MIB);
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

	private enum Kind {

		USER_SERVICE, ECHO, SWEEP

	}

}
