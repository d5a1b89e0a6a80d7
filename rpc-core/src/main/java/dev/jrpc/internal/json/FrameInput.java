package dev.jrpc.internal.json;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;

/**
 * The input of a parser over a large frame: a stream over the frame's readable bytes that also
 * lets {@link LargeStringDeserializer} read a string's bytes straight from the frame, by the
 * parser's byte offset, and then skip them, so that the parser never copies nor scans more of the
 * string than it had already buffered.
 * <p>
 * The parser's offsets count the bytes it read from this stream; {@link #index} adds the bytes
 * skipped before them. (Skipped bytes are also missing from the offsets in the parser's error
 * messages about what follows them.)
 */
final class FrameInput extends ByteBufInputStream {

	private final ByteBuf frame;

	/** The stream's own view of the frame: its reader index is the stream's position. */
	private final ByteBuf view;

	private final int start;

	private int skipped;

	FrameInput(ByteBuf frame) {
		this(frame, frame.duplicate());
	}

	private FrameInput(ByteBuf frame, ByteBuf view) {
		super(view);
		this.frame = frame;
		this.view = view;
		this.start = frame.readerIndex();
	}

	/** The frame, whose indexes this stream does not move. */
	ByteBuf frame() {
		return this.frame;
	}

	/** The frame's index of the byte the parser counts at {@code offset}, or -1 past the frame's end. */
	int index(long offset) {
		long index = this.start + this.skipped + offset;
		return (offset < 0 || index >= this.frame.writerIndex()) ? -1 : (int) index;
	}

	/**
	 * Moves the stream on to the frame's {@code index}, when it has not read that far yet: the
	 * parser's next read starts there.
	 */
	void skipTo(int index) {
		int position = this.view.readerIndex();
		if (index > position) {
			this.view.readerIndex(index);
			this.skipped += index - position;
		}
	}

}
