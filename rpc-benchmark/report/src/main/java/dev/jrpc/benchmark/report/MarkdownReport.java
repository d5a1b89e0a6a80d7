package dev.jrpc.benchmark.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import dev.jrpc.benchmark.scenario.ScenarioCase;

/** Writes the report of a run in Markdown. */
final class MarkdownReport {

	private MarkdownReport() {
	}

	/** jrpc's throughput over each peer's, per case and thread count; also printed by run.sh. */
	static String ratioTable(Results results) {
		StringBuilder table = new StringBuilder("| case | threads | jrpc ops/s |");
		SystemUnderTest.PEERS.forEach((peer) -> table.append(" ÷ ").append(peer.label()).append(" |"));
		table.append("\n| --- | ---: | ---: |");
		SystemUnderTest.PEERS.forEach((peer) -> table.append(" ---: |"));
		table.append('\n');
		for (ScenarioCase scenarioCase : ScenarioCase.mainRun()) {
			for (int threads : results.threads()) {
				table.append("| ").append(scenarioCase.title()).append(" | ").append(threads).append(" | ")
					.append(Format.number(results.get(SystemUnderTest.JRPC, scenarioCase, threads).opsPerSecond()))
					.append(" |");
				for (SystemUnderTest peer : SystemUnderTest.PEERS) {
					table.append(' ').append(Format.ratio(results.throughputRatio(scenarioCase, threads, peer))).append(" |");
				}
				table.append('\n');
			}
		}
		return table.toString();
	}

	static String barTable(List<BarCheck> checks) {
		StringBuilder table = new StringBuilder("| bar | case | measured | met |\n| --- | --- | --- | --- |\n");
		for (BarCheck check : checks) {
			table.append("| ").append(check.bar()).append(" | ").append(check.subject()).append(" | ")
				.append(check.measured()).append(" | ").append(check.met() ? "met" : "**not met**").append(" |\n");
		}
		long met = checks.stream().filter(BarCheck::met).count();
		return table.append('\n').append(met).append(" of ").append(checks.size()).append(" met.\n").toString();
	}

	static String write(Results results, List<BarCheck> checks, Machine machine, Versions versions, LocalDate date,
			boolean quick, String chartFile) {
		RunSettings settings = results.settings();
		StringBuilder md = new StringBuilder();
		md.append("# jrpc benchmark, ").append(date).append(quick ? " (quick run)" : "").append("\n\n");
		if (quick) {
			md.append("> **Quick run: the numbers are indicative only.** Each benchmark ran ")
				.append(settings.iterations())
				.append(": too short for the JIT and the servers to settle, with no error bars, and the JIT ")
				.append("competes with the client on its one core. On a 2-core machine a figure can move by a ")
				.append("factor of two from one quick run to the next. The full run ")
				.append("(`rpc-benchmark/run.sh` without `--quick`) uses rpc-benchmark's 3 × 10 s warm-up and ")
				.append("3 × 10 s measurement.\n\n");
		}
		md.append("""
				The UserService scenario of [rpc-benchmark](https://github.com/hank-whu/rpc-benchmark)
				(`existUser`, `createUser`, `getUser`, `listUser`, with its data and inputs), plus an echo of a
				16-character and of a 256 KiB string, called by JMH through each system's client. Each server
				runs in its own JVM pinned to core 1 (`taskset -c 1`), the JMH client in another pinned to
				core 0, over one connection on 127.0.0.1 (one per call in flight for the Spring HTTP service
				client, whose HTTP/1.1 carries one call at a time). JMH modes Throughput and SampleTime, 1 and
				32 threads, `-prof gc` for the client's allocation per call. The full run adds a payload sweep
				(echoes of 1 KiB to 4 MiB and of a 1 MiB `byte[]`, every system, Throughput mode), a
				connection sweep (jrpc and gRPC-Java, 32 threads over 1, 16 and 256 connections) and each
				server's memory.

				""");
		md.append("- JMH ").append(settings.jmhVersion()).append(": ").append(settings.iterations()).append('\n');
		md.append("- JVM flags of every JVM: `").append(settings.jvmArgs()).append("`\n\n");

		md.append("## Machine\n\n| CPU | cores | memory | OS | JDK |\n| --- | --- | --- | --- | --- |\n")
			.append("| ").append(machine.cpu()).append(" | ").append(machine.cores()).append(" | ")
			.append(machine.memory()).append(" | ").append(machine.os()).append(" | ").append(settings.jdk())
			.append(" |\n\n");

		md.append("## Systems\n\n| system | version | transport | serialization |\n| --- | --- | --- | --- |\n")
			.append(row("jrpc", versions.jrpc(), "Netty " + versions.netty() + " (NIO), native frames",
					"JSON, Jackson " + versions.jackson()))
			.append(row("gRPC-Java", versions.grpc(), "grpc-netty-shaded (epoll), HTTP/2",
					"protobuf " + versions.protobuf() + ", beans converted on every call"))
			.append(row("Dubbo (default: hessian2)", versions.dubbo(),
					"dubbo protocol, Netty " + versions.dubboNetty() + " (NIO)", "hessian2, Dubbo's default"))
			.append(row("Dubbo (fastjson2)", versions.dubbo(),
					"dubbo protocol, Netty " + versions.dubboNetty() + " (NIO)", "fastjson2's JSONB (binary)"))
			.append(row("Spring HTTP service client", "Spring Boot " + versions.springBoot(),
					"HTTP/1.1: Boot's embedded Tomcat, the JDK's HttpClient",
					"JSON, Jackson " + versions.jackson() + " as Boot configures it"))
			.append(row("Netty floor", "—", "Netty " + versions.netty() + " (NIO), jrpc's transport",
					"none: jrpc's bytes, captured once, replayed"))
			.append('\n');

		md.append("## Ratios\n\njrpc's throughput divided by each peer's: above 1, jrpc is faster.\n\n")
			.append(ratioTable(results))
			.append("\n![jrpc's throughput over each peer's](").append(chartFile).append(")\n\n");

		md.append("## The bar\n\n").append(Bars.DESCRIPTION).append("\n\n")
			.append(barTable(checks)).append('\n');

		md.append("## Results by case\n\nops/s from Throughput mode, p50 and p99 in µs from SampleTime mode, ")
			.append("B/call allocated by the client JVM per call.\n\n");
		for (ScenarioCase scenarioCase : ScenarioCase.mainRun()) {
			md.append("### ").append(scenarioCase.title()).append("\n\n| system |");
			for (int threads : results.threads()) {
				String t = " (" + threads + "t)";
				md.append(" ops/s").append(t).append(" | p50").append(t).append(" | p99").append(t).append(" | B/call")
					.append(t).append(" |");
			}
			md.append("\n| --- |").append(" ---: | ---: | ---: | ---: |".repeat(results.threads().size())).append('\n');
			for (SystemUnderTest system : SystemUnderTest.values()) {
				md.append("| ").append(system.label()).append(" |");
				for (int threads : results.threads()) {
					Measurement m = results.get(system, scenarioCase, threads);
					md.append(' ').append(Format.number(m.opsPerSecond())).append(" | ")
						.append(Format.number(m.p50Micros())).append(" | ").append(Format.number(m.p99Micros()))
						.append(" | ").append(Format.number(m.bytesPerCall())).append(" |");
				}
				md.append('\n');
			}
			md.append('\n');
		}

		md.append(payloadSweep(results));
		md.append(connectionSweep(results));
		md.append(serverMemory(results));
		md.append("""
				## Notes

				- Every system runs with its own defaults; only the addresses, Dubbo's QoS port (off) and the
				  call timeouts (5 s, jrpc's default, for jrpc, Dubbo and the floor) are set.
				- The floor uses jrpc's transport, 4-byte length frames with a request id, and callers
				  blocking on a future; its server answers each case with jrpc's own response bytes, captured
				  at startup from an in-process jrpc server, and its client sends jrpc's own request bytes. No
				  JSON, proxy or dispatch runs in its loop.
				- Transports: jrpc uses Netty's native epoll when the application ships Netty's native
				  library, NIO otherwise. The native library of the Netty that Spring Boot manages was not
				  available from Maven Central for this build, so jrpc and the floor run on NIO. gRPC-Java uses
				  the epoll library it ships inside grpc-netty-shaded; Dubbo uses NIO unless told otherwise.
				- gRPC-Java converts between the scenario's beans and protobuf messages on every call, on both
				  sides, as rpc-benchmark's gRPC peer does; its times carry nanoseconds, so that every system
				  carries the same data. Its stubs are generated by protoc-gen-grpc-java 1.83.0, the newest
				  whose binary Maven Central served here, and run on the gRPC runtime above.
				- Dubbo runs without registry (a direct `dubbo://` URL). Dubbo 3.3's default serialization is
				  hessian2 (its providers announce `prefer.serialization=hessian2,fastjson2`, and a consumer
				  without a registry falls back to hessian2); the second variant asks for fastjson2, which
				  Dubbo writes as JSONB, fastjson2's binary form of JSON (`JSONB.toBytes`): strings and
				  byte arrays go as length-prefixed bytes, not as JSON text.
				- The Spring HTTP service client is an `@HttpExchange` interface implemented by
				  `HttpServiceProxyFactory` over the `RestClient` that Spring Boot auto-configures (its Jackson,
				  and the JDK's `HttpClient`, the request factory Boot picks when no other HTTP client is on
				  the classpath); the server is a Spring MVC `@RestController` on Boot's default Tomcat. Reads
				  are GETs, `createUser` and the echo POST JSON (the echo's string inside `{"text": ...}`, so
				  that it is JSON as for the other systems). HTTP/1.1 carries one call per connection at a
				  time: at 32 threads the client holds up to 32 keep-alive connections, and Tomcat, by
				  default, closes each after 100 requests.
				- B/call counts everything the client JVM allocates during the measurement, I/O threads
				  included, divided by the calls made.
				- Message limits: gRPC-Java's largest message is raised from 4 MiB to 8 MiB on both sides,
				  for the 4 MiB echo; jrpc (8 MiB frames), Dubbo (8 MiB payloads), the floor and Spring
				  keep their defaults, which the sweep fits.
				- The `byte[]` echo goes as base64 in a JSON string for jrpc and Spring (Jackson's default),
				  as protobuf `bytes` for gRPC-Java (copied to and from a `byte[]`, as an application with a
				  `byte[]` API would), and as raw bytes behind a length by both Dubbo serializations
				  (hessian2's binary data, fastjson2's JSONB).
				""");
		return md.toString();
	}

	/** Each system's calls per second and MB/s on every payload, at each thread count. */
	static String payloadSweep(Results results) {
		StringBuilder md = new StringBuilder("## Payload sweep\n\n");
		md.append("The echo of strings from 16 characters to 4 MiB, and of a 1 MiB `byte[]`. MB/s counts the ")
			.append("payload's bytes one way (10^6 bytes per MB): the request carries them out and the answer back. ")
			.append("16 characters and 256 KiB are the main run's echoes; the others ran ")
			.append(results.sweepSettings().map(RunSettings::iterations).orElse("not at all in this run"))
			.append(".\n\n");
		for (String unit : List.of("calls/s", "MB/s")) {
			md.append("### ").append(unit).append("\n\n| payload | threads |");
			SystemUnderTest.ALL.forEach((system) -> md.append(' ').append(system.label()).append(" |"));
			md.append("\n| --- | ---: |").append(" ---: |".repeat(SystemUnderTest.ALL.size())).append('\n');
			for (ScenarioCase scenarioCase : ScenarioCase.payloadSweep()) {
				for (int threads : results.threads()) {
					md.append("| ").append(scenarioCase.title()).append(" | ").append(threads).append(" |");
					for (SystemUnderTest system : SystemUnderTest.ALL) {
						double calls = results.get(system, scenarioCase, threads).opsPerSecond();
						double figure = unit.equals("calls/s") ? calls : calls * scenarioCase.payloadBytes() / 1e6;
						md.append(' ').append(Format.number(figure)).append(" |");
					}
					md.append('\n');
				}
			}
			md.append('\n');
		}
		return md.toString();
	}

	/** jrpc's and gRPC-Java's throughput over 1 to 256 client connections. */
	static String connectionSweep(Results results) {
		ConnectionSweep sweep = results.connectionSweep();
		StringBuilder md = new StringBuilder("## Connection sweep\n\n");
		if (sweep.isEmpty()) {
			return md.append("Not measured in this run.\n\n").toString();
		}
		md.append("32 client threads over separate clients of one connection each, the threads sharing them out ")
			.append("(with 256 connections each thread calls through 8 in turn); ")
			.append(results.sweepSettings().map(RunSettings::iterations).orElse(""))
			.append(".\n\n| case | connections | jrpc calls/s | gRPC-Java calls/s | jrpc ÷ gRPC-Java | jrpc MB/s ")
			.append("| gRPC-Java MB/s |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
		for (ScenarioCase scenarioCase : ScenarioCase.values()) {
			for (int connections : sweep.connectionCounts()) {
				double ours = sweep.opsPerSecond(SystemUnderTest.JRPC, scenarioCase, connections);
				double grpc = sweep.opsPerSecond(SystemUnderTest.GRPC, scenarioCase, connections);
				if (Double.isNaN(ours) && Double.isNaN(grpc)) {
					continue;
				}
				OptionalDouble ratio = (Double.isNaN(ours) || Double.isNaN(grpc) || grpc == 0) ? OptionalDouble.empty()
						: OptionalDouble.of(ours / grpc);
				md.append("| ").append(scenarioCase.title()).append(" | ").append(connections).append(" | ")
					.append(Format.number(ours)).append(" | ").append(Format.number(grpc)).append(" | ")
					.append(Format.ratio(ratio)).append(" | ").append(megabytes(ours, scenarioCase)).append(" | ")
					.append(megabytes(grpc, scenarioCase)).append(" |\n");
			}
		}
		return md.append('\n').toString();
	}

	private static String megabytes(double calls, ScenarioCase scenarioCase) {
		return (scenarioCase.payloadBytes() == 0) ? "—" : Format.number(calls * scenarioCase.payloadBytes() / 1e6);
	}

	/** Each server's heap after a full collection and resident set, at the end of the 32-thread run. */
	static String serverMemory(Results results) {
		StringBuilder md = new StringBuilder("## Server memory\n\n");
		md.append("Each server JVM at the end of its 32-thread measurement of the main run, before the sweeps: ")
			.append("its resident set (`VmRSS`), then the heap in use after a full collection (`jcmd GC.run`, ")
			.append("then `GC.heap_info`). Every JVM pre-touches its 1 GiB heap (`-XX:+AlwaysPreTouch`), so the ")
			.append("resident set counts the whole heap; what differs between systems is the rest: code, ")
			.append("metaspace, threads and direct buffers. One Dubbo server answers both Dubbo variants, so its ")
			.append("second figure follows the first variant's run as well.\n\n")
			.append("| system | heap after GC (MiB) | resident set (MiB) |\n| --- | ---: | ---: |\n");
		for (SystemUnderTest system : SystemUnderTest.ALL) {
			Optional<ServerMemory> memory = results.memory(system);
			md.append("| ").append(system.label()).append(" | ")
				.append(memory.map((m) -> Format.number(m.heapAfterGcBytes() / 1048576.0)).orElse("—")).append(" | ")
				.append(memory.map((m) -> Format.number(m.residentBytes() / 1048576.0)).orElse("—")).append(" |\n");
		}
		return md.append('\n').toString();
	}

	private static String row(String system, String version, String transport, String serialization) {
		return "| " + system + " | " + version + " | " + transport + " | " + serialization + " |\n";
	}

}
