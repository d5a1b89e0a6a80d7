package dev.jrpc.internal.protocol;

import io.netty.buffer.ByteBuf;

/**
 * How messages are delimited on a connection. Chosen once per connection: by the server from the
 * connection's first byte, by the client from its configuration.
 */
public enum Framing {

	/**
	 * jrpc's native framing: a 4-byte big-endian length, then that many bytes of UTF-8 JSON. Frames
	 * are capped below 16 MiB, so the first byte of a connection is always {@code 0x00}.
	 */
	LENGTH_PREFIXED {

		@Override
		public void begin(ByteBuf buf) {
			buf.writeInt(0);
		}

		@Override
		public void end(ByteBuf buf, int start) {
			buf.setInt(start, buf.writerIndex() - start - HEADER_LENGTH);
		}

		@Override
		public MessageDecoder newDecoder(int maxFrameSize) {
			return new NativeFrameDecoder(maxFrameSize);
		}

	},

	/**
	 * A stream of JSON texts, as any JSON-RPC peer or {@code nc} sends them; each message written is
	 * compact JSON followed by {@code \n}.
	 */
	JSON_STREAM {

		@Override
		public void begin(ByteBuf buf) {
		}

		@Override
		public void end(ByteBuf buf, int start) {
			buf.writeByte('\n');
		}

		@Override
		public MessageDecoder newDecoder(int maxFrameSize) {
			return new JsonStreamFrameDecoder(maxFrameSize);
		}

	};

	/** Length of the native frame header. */
	public static final int HEADER_LENGTH = 4;

	/** Largest JSON body a native frame may carry: below 16 MiB, so the first byte is zero. */
	public static final int MAX_FRAME_SIZE_LIMIT = (1 << 24) - 1;

	/** Writes whatever precedes a message; the message starts at the writer index given before. */
	public abstract void begin(ByteBuf buf);

	/** Completes the message that {@link #begin} started at {@code start}. */
	public abstract void end(ByteBuf buf, int start);

	/**
	 * A new decoder that splits a connection's bytes into messages, failing with a
	 * {@link io.netty.handler.codec.TooLongFrameException} as soon as one passes
	 * {@code maxFrameSize} bytes.
	 */
	public abstract MessageDecoder newDecoder(int maxFrameSize);

}
