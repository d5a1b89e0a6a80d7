package dev.jrpc.benchmark.report;

import java.util.List;
import java.util.Optional;

/**
 * The systems of a run, in report order. {@link #id()} names the system in run.sh and in the
 * results files, {@code <id>-t<threads>.json}.
 */
enum SystemUnderTest {

	JRPC("jrpc", "jrpc"),

	GRPC("grpc", "gRPC-Java"),

	DUBBO("dubbo", "Dubbo (default: hessian2)"),

	DUBBO_FASTJSON2("dubbo-fastjson2", "Dubbo (fastjson2)"),

	SPRING_HTTP("spring-http", "Spring HTTP service client"),

	FLOOR("floor", "Netty floor");

	/** The systems jrpc is compared with, in the order of the ratio columns. */
	static final List<SystemUnderTest> PEERS = List.of(GRPC, DUBBO, DUBBO_FASTJSON2, SPRING_HTTP, FLOOR);

	/** Every system, jrpc first. */
	static final List<SystemUnderTest> ALL = List.of(values());

	private final String id;

	private final String label;

	SystemUnderTest(String id, String label) {
		this.id = id;
		this.label = label;
	}

	String id() {
		return this.id;
	}

	String label() {
		return this.label;
	}

	static Optional<SystemUnderTest> ofId(String id) {
		for (SystemUnderTest system : values()) {
			if (system.id.equals(id)) {
				return Optional.of(system);
			}
		}
		return Optional.empty();
	}

}
