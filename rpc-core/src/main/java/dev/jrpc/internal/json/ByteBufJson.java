package dev.jrpc.internal.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads JSON straight from Netty buffers and writes it straight into them, with no String or
 * byte array per message in between.
 */
public final class ByteBufJson {

	private ByteBufJson() {
	}

	/**
	 * Frames of at least this many bytes are parsed through a {@link FrameInput}, so that
	 * {@link LargeStringDeserializer} may read long strings straight from them; smaller frames
	 * cannot hold a string worth it.
	 */
	static final int LARGE_FRAME = 8 * 1024;

	/** A parser over the readable bytes of {@code buf}; the buffer's indexes are not moved. */
	public static JsonParser parser(ObjectMapper mapper, ByteBuf buf) {
		if (buf.readableBytes() >= LARGE_FRAME) {
			return mapper.createParser((InputStream) new FrameInput(buf));
		}
		if (buf.hasArray()) {
			return mapper.createParser(buf.array(), buf.arrayOffset() + buf.readerIndex(), buf.readableBytes());
		}
		return mapper.createParser((InputStream) new ByteBufInputStream(buf.duplicate()));
	}

	/**
	 * A generator that appends to {@code buf} and fails with {@link MessageTooLargeException} as
	 * soon as more than {@code limit} bytes have been written by it, so that an oversized message
	 * is never built whole.
	 */
	public static JsonGenerator generator(ObjectMapper mapper, ByteBuf buf, long limit) {
		return mapper.createGenerator(new LimitedOutputStream(buf, limit));
	}

	/**
	 * Makes room at once for {@code bytes} more in the buffer that a generator from
	 * {@link #generator} writes into, so that a large value grows it once rather than doubling it
	 * step by step, copying it each time; does nothing for other generators, or past the limit.
	 */
	static void reserve(JsonGenerator generator, long bytes) {
		if (generator.streamWriteOutputTarget() instanceof LimitedOutputStream out) {
			out.reserve(bytes);
		}
	}

	/**
	 * The {@link MessageTooLargeException} somewhere in the causes of {@code failure}, which Jackson
	 * may have wrapped, or {@code null}.
	 */
	public static @Nullable MessageTooLargeException findTooLarge(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof MessageTooLargeException tooLarge) {
				return tooLarge;
			}
		}
		return null;
	}

	/** Thrown by a generator from {@link #generator} when its message outgrows the limit. */
	public static final class MessageTooLargeException extends IOException {

		private final long limit;

		MessageTooLargeException(long limit) {
			super("message larger than " + limit + " bytes", null);
			this.limit = limit;
		}

		public long limit() {
			return this.limit;
		}

	}

	private static final class LimitedOutputStream extends OutputStream {

		private final ByteBuf buf;

		private final long limit;

		private long written;

		LimitedOutputStream(ByteBuf buf, long limit) {
			this.buf = buf;
			this.limit = limit;
		}

		@Override
		public void write(int b) throws IOException {
			count(1);
			this.buf.writeByte(b);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			count(length);
			this.buf.writeBytes(bytes, offset, length);
		}

		void reserve(long bytes) {
			if (bytes <= this.limit - this.written) {
				this.buf.ensureWritable((int) Math.min(bytes, Integer.MAX_VALUE), false);
			}
		}

		private void count(int length) throws MessageTooLargeException {
			this.written += length;
			if (this.written > this.limit) {
				throw new MessageTooLargeException(this.limit);
			}
		}

	}

}
