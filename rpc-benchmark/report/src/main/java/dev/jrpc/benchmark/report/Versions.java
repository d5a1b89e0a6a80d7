package dev.jrpc.benchmark.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import io.netty.util.Version;

/**
 * The version of each system and of what it runs on: from the poms (versions.properties, filtered
 * by Maven), and for Netty and Jackson from the jars this module shares with jrpc.
 */
record Versions(String jrpc, String netty, String jackson, String grpc, String protobuf, String dubbo,
		String dubboNetty, String springBoot, String jmh) {

	static Versions load() {
		Properties poms = new Properties();
		try (InputStream in = Versions.class.getResourceAsStream("versions.properties")) {
			poms.load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Version nettyCommon = Version.identify().get("netty-common");
		String netty = (nettyCommon != null) ? nettyCommon.artifactVersion() : "unknown";
		return new Versions(poms.getProperty("jrpc"), netty, tools.jackson.databind.cfg.PackageVersion.VERSION.toString(),
				poms.getProperty("grpc"), poms.getProperty("protobuf"), poms.getProperty("dubbo"),
				poms.getProperty("dubbo.netty"), poms.getProperty("spring-boot"), poms.getProperty("jmh"));
	}

}
