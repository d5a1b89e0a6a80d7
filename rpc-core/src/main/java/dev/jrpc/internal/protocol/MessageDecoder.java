package dev.jrpc.internal.protocol;

import io.netty.channel.ChannelHandler;

/**
 * A decoder that splits a connection's bytes into messages and can tell whether it holds the
 * beginning of one that has not arrived whole, so that a server can bound how long a message may
 * take to arrive.
 */
public interface MessageDecoder extends ChannelHandler {

	/** Whether bytes of a message that is not complete yet are buffered; whitespace between messages is not kept. */
	boolean holdsPartialMessage();

	/**
	 * The most bytes the message under way may take once complete, as far as it can tell: the
	 * length its header announces, or the frame limit when the length is not known yet.
	 */
	long partialMessageBound();

	/** How many messages it has decoded so far: when it changes, the partial message is a new one. */
	long messagesDecoded();

}
