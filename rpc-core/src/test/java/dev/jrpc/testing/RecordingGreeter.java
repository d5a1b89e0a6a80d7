package dev.jrpc.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link DefaultGreeter} that remembers every text it echoed, to tell what reached the server. */
public class RecordingGreeter extends DefaultGreeter {

	private final List<String> echoed = new CopyOnWriteArrayList<>();

	@Override
	public String echo(String text) {
		this.echoed.add(text);
		return super.echo(text);
	}

	/** The texts echoed so far, in the order the calls ran. */
	public List<String> echoed() {
		return List.copyOf(this.echoed);
	}

}
