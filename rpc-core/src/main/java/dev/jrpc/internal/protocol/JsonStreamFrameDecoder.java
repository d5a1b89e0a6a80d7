package dev.jrpc.internal.protocol;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;

/**
 * Splits a stream of JSON texts into one buffer per top-level object or array, by JSON structure:
 * brackets are counted outside strings, and string escapes are respected. Texts may follow one
 * another with or without whitespace between them.
 * <p>
 * A text longer than the limit fails with {@link TooLongFrameException} as soon as the limit is
 * passed, without buffering more; anything but {@code {} or {@code [} where a text should start,
 * or a text cut off by the end of the stream, fails with {@link CorruptedFrameException}. After a
 * failure the rest of the input is discarded: the stream cannot be resynchronised.
 */
public final class JsonStreamFrameDecoder extends ByteToMessageDecoder implements MessageDecoder {

	private final int maxTextLength;

	/** Bytes of the current text already scanned, from the reader index. */
	private int scanned;

	private int depth;

	private boolean inString;

	private boolean escaped;

	private boolean failed;

	private long decoded;

	public JsonStreamFrameDecoder(int maxTextLength) {
		this.maxTextLength = maxTextLength;
	}

	@Override
	protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
		if (this.failed) {
			in.skipBytes(in.readableBytes());
			return;
		}
		while (in.isReadable()) {
			if (this.scanned == 0 && !startText(in)) {
				return;
			}
			int end = scan(in);
			if (end < 0) {
				return;
			}
			out.add(in.readRetainedSlice(end));
			this.decoded++;
			this.scanned = 0;
		}
	}

	/** Whitespace between texts is skipped as it comes: whatever is buffered is part of a text. */
	@Override
	public boolean holdsPartialMessage() {
		return actualReadableBytes() > 0;
	}

	/** A JSON text announces no length: it may take the whole limit. */
	@Override
	public long partialMessageBound() {
		return this.maxTextLength;
	}

	@Override
	public long messagesDecoded() {
		return this.decoded;
	}

	@Override
	protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
		decode(ctx, in, out);
		if (!this.failed && this.scanned > 0) {
			fail(in, new CorruptedFrameException("the stream ended inside a JSON text"));
		}
	}

	/** Skips whitespace before a text and checks how it starts; false when more input is needed. */
	private boolean startText(ByteBuf in) {
		while (in.isReadable()) {
			byte b = in.getByte(in.readerIndex());
			if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
				in.skipBytes(1);
				continue;
			}
			if (b != '{' && b != '[') {
				fail(in, new CorruptedFrameException(
						"a JSON-RPC message must start with '{' or '[' (found byte 0x%02x)".formatted(b & 0xff)));
			}
			this.depth = 0;
			this.inString = false;
			this.escaped = false;
			return true;
		}
		return false;
	}

	/** Scans on from where the last call stopped; the text's length once complete, else -1. */
	private int scan(ByteBuf in) {
		int start = in.readerIndex();
		int limit = in.writerIndex();
		for (int i = start + this.scanned; i < limit; i++) {
			byte b = in.getByte(i);
			if (this.inString) {
				if (this.escaped) {
					this.escaped = false;
				}
				else if (b == '\\') {
					this.escaped = true;
				}
				else if (b == '"') {
					this.inString = false;
				}
			}
			else if (b == '"') {
				this.inString = true;
			}
			else if (b == '{' || b == '[') {
				this.depth++;
			}
			else if (b == '}' || b == ']') {
				if (--this.depth == 0) {
					int length = i - start + 1;
					checkLength(in, length);
					return length;
				}
			}
			if (i - start + 1 > this.maxTextLength) {
				checkLength(in, i - start + 1);
			}
		}
		this.scanned = limit - start;
		return -1;
	}

	private void checkLength(ByteBuf in, int length) {
		if (length > this.maxTextLength) {
			fail(in, new TooLongFrameException(
					"JSON text longer than the maximum of " + this.maxTextLength + " bytes"));
		}
	}

	private void fail(ByteBuf in, RuntimeException failure) {
		this.failed = true;
		this.scanned = 0;
		in.skipBytes(in.readableBytes());
		throw failure;
	}

}
