package dev.jrpc.benchmark.floor;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A relay on a raw socket between one jrpc client and a jrpc server that records every request and
 * response frame it passes on. It relays one call at a time (a request, then its response), which
 * is all the capture makes.
 */
final class RecordingRelay implements AutoCloseable {

	private final ServerSocket listener;

	private final int upstreamPort;

	private final BlockingQueue<CapturedExchange> exchanges = new LinkedBlockingQueue<>();

	RecordingRelay(int upstreamPort) throws IOException {
		this.upstreamPort = upstreamPort;
		this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
		Thread relay = new Thread(this::relay, "floor-capture-relay");
		relay.setDaemon(true);
		relay.start();
	}

	int port() {
		return this.listener.getLocalPort();
	}

	/** The next exchange relayed, waiting for it a few seconds at most. */
	CapturedExchange next() throws InterruptedException {
		CapturedExchange exchange = this.exchanges.poll(5, TimeUnit.SECONDS);
		if (exchange == null) {
			throw new IllegalStateException("No jrpc call went through the capture relay within 5 seconds");
		}
		return exchange;
	}

	private void relay() {
		try (Socket client = this.listener.accept();
				Socket server = new Socket(InetAddress.getLoopbackAddress(), this.upstreamPort)) {
			DataInputStream fromClient = new DataInputStream(client.getInputStream());
			DataOutputStream toClient = new DataOutputStream(client.getOutputStream());
			DataInputStream fromServer = new DataInputStream(server.getInputStream());
			DataOutputStream toServer = new DataOutputStream(server.getOutputStream());
			while (true) {
				byte[] request = readFrame(fromClient);
				writeFrame(toServer, request);
				byte[] response = readFrame(fromServer);
				// Recorded before the client gets it, so that it is there when the call returns.
				this.exchanges.add(new CapturedExchange(request, response));
				writeFrame(toClient, response);
			}
		}
		catch (IOException ended) {
			// The client closed its connection: the capture is over.
		}
	}

	/** Reads one native frame: a 4-byte big-endian length, then that many bytes of JSON. */
	private static byte[] readFrame(DataInputStream in) throws IOException {
		byte[] json = new byte[in.readInt()];
		in.readFully(json);
		return json;
	}

	private static void writeFrame(DataOutputStream out, byte[] json) throws IOException {
		out.writeInt(json.length);
		out.write(json);
		out.flush();
	}

	@Override
	public void close() throws IOException {
		this.listener.close();
	}

}
