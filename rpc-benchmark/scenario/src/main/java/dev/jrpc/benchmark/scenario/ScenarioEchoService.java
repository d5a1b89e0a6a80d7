package dev.jrpc.benchmark.scenario;

/** The server side of the echo cases: returns what it was sent. */
public class ScenarioEchoService implements EchoService {

	@Override
	public String echo(String text) {
		return text;
	}

	@Override
	public byte[] echoBytes(byte[] bytes) {
		return bytes;
	}

}
