package dev.jrpc.benchmark.scenario;

/**
 * The cases this benchmark adds to rpc-benchmark's: a string sent and returned, from 16 characters
 * to 4 MiB, and a byte array. A service of its own, so that {@link UserService} stays exactly the
 * original.
 */
public interface EchoService {

	String echo(String text);

	byte[] echoBytes(byte[] bytes);

}
