package dev.jrpc.internal.json;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import org.jspecify.annotations.Nullable;

/**
 * The input of a parser over a large frame: a stream over the frame's readable bytes that also
 * lets {@link LargeStringDeserializer} read a string's bytes straight from the frame, by the
 * parser's byte offset, and then skip them, so that the parser never copies nor scans more of the
 * string than it had already buffered.
 * <p>
 * The parser's offsets count the bytes it read from this stream; {@link #index} adds the bytes
 * skipped before them. (Skipped bytes are also missing from the offsets in the parser's error
 * messages about what follows them.) The string last read this way is kept, so that reading the
 * same token again gives it again rather than the part the parser had buffered.
 */
final class FrameInput extends ByteBufInputStream {

	private final ByteBuf frame;

	/** The stream's own view of the frame: its reader index is the stream's position. */
	private final ByteBuf view;

	private final int start;

	private int skipped;

	private @Nullable ByteBuffer words;

	private long lastOffset = -1;

	private @Nullable String lastString;

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

	/**
	 * The frame's readable bytes as one little-endian buffer, indexed as the frame is less its
	 * reader index, made once; null when the frame is not one piece of memory.
	 */
	@Nullable ByteBuffer littleEndianView() {
		if (this.words == null && this.frame.nioBufferCount() == 1) {
			this.words = this.frame.nioBuffer(this.start, this.frame.writerIndex() - this.start)
				.order(ByteOrder.LITTLE_ENDIAN);
		}
		return this.words;
	}

	/** The frame's index of the byte the parser counts at {@code offset}, or -1 past the frame's end. */
	int index(long offset) {
		long index = this.start + this.skipped + offset;
		return (offset < 0 || index >= this.frame.writerIndex()) ? -1 : (int) index;
	}

	/** The frame's index of its first readable byte. */
	int start() {
		return this.start;
	}

	/**
	 * Moves the stream on to the frame's {@code index}, when it has not read that far yet: the
	 * parser's next read starts there. Remembers {@code string} as the value of the token at the
	 * parser's {@code offset}.
	 */
	void skipTo(int index, long offset, String string) {
		int position = this.view.readerIndex();
		if (index > position) {
			this.view.readerIndex(index);
			this.skipped += index - position;
		}
		this.lastOffset = offset;
		this.lastString = string;
	}

	/** The string last read at the parser's {@code offset}, or null. */
	@Nullable String readAgain(long offset) {
		return (offset == this.lastOffset) ? this.lastString : null;
	}

}
