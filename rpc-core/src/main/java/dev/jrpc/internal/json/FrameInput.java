package dev.jrpc.internal.json;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;

/**
 * The input of a parser over a large frame: a stream over the frame's readable bytes that also
 * lets {@link LargeStringDeserializer} read a string's bytes straight from the frame, by the
 * parser's byte offset, which counts from the first byte of this stream.
 */
final class FrameInput extends ByteBufInputStream {

	private final ByteBuf frame;

	private final int start;

	FrameInput(ByteBuf frame) {
		super(frame.duplicate());
		this.frame = frame;
		this.start = frame.readerIndex();
	}

	/** The frame, whose indexes this stream does not move. */
	ByteBuf frame() {
		return this.frame;
	}

	/** The frame's index of the byte at {@code offset} in this stream, or -1 past its end. */
	int index(long offset) {
		return (offset < 0 || offset >= this.frame.writerIndex() - this.start) ? -1 : this.start + (int) offset;
	}

}
