package dev.jrpc.benchmark.scenario;

/**
 * The two cases this benchmark adds to rpc-benchmark's: a string sent and returned, short (16
 * characters) and large (256 KiB). A service of its own, so that {@link UserService} stays exactly
 * the original.
 */
public interface EchoService {

	String echo(String text);

}
