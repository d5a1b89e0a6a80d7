package dev.jrpc.internal.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Netty's local transport, for a server and clients in one JVM (tests): the same pipeline and the
 * same JSON-RPC bytes as over TCP, through an in-memory channel instead of a socket.
 */
public final class InProcess {

	private InProcess() {
	}

	/** A one-thread event loop group for local channels, of daemon threads named after {@code name}. */
	public static EventLoopGroup newEventLoopGroup(String name) {
		return new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(name, true), LocalIoHandler.newFactory());
	}

}
