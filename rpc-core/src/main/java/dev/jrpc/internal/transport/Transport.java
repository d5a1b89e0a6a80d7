package dev.jrpc.internal.transport;

import java.util.concurrent.ThreadFactory;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The Netty transport to use: native epoll when Netty's native library is on the class path and
 * loads, NIO otherwise.
 */
public enum Transport {

	EPOLL(EpollServerSocketChannel.class, EpollSocketChannel.class) {

		@Override
		IoHandlerFactory ioHandlerFactory() {
			return EpollIoHandler.newFactory();
		}

	},

	NIO(NioServerSocketChannel.class, NioSocketChannel.class) {

		@Override
		IoHandlerFactory ioHandlerFactory() {
			return NioIoHandler.newFactory();
		}

	};

	private final Class<? extends ServerChannel> serverChannelType;

	private final Class<? extends Channel> channelType;

	Transport(Class<? extends ServerChannel> serverChannelType, Class<? extends Channel> channelType) {
		this.serverChannelType = serverChannelType;
		this.channelType = channelType;
	}

	/** The best transport this JVM can use. */
	public static Transport detect() {
		return isEpollAvailable() ? EPOLL : NIO;
	}

	private static boolean isEpollAvailable() {
		try {
			return Epoll.isAvailable();
		}
		catch (LinkageError ex) {
			return false;
		}
	}

	abstract IoHandlerFactory ioHandlerFactory();

	/**
	 * An event loop group of {@code threads} threads named after {@code name}. Daemon threads do not
	 * keep the JVM alive; a server's are not daemon, so that an application whose only server is
	 * jrpc stays up until it is stopped.
	 */
	public EventLoopGroup newEventLoopGroup(int threads, String name, boolean daemon) {
		ThreadFactory threadFactory = new DefaultThreadFactory(name, daemon);
		return new MultiThreadIoEventLoopGroup(threads, threadFactory, ioHandlerFactory());
	}

	public Class<? extends ServerChannel> serverChannelType() {
		return this.serverChannelType;
	}

	public Class<? extends Channel> channelType() {
		return this.channelType;
	}

}
