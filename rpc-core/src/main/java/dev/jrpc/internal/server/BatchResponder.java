package dev.jrpc.internal.server;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

import dev.jrpc.RpcErrorCodes;
import dev.jrpc.internal.protocol.MessageWriter;
import dev.jrpc.internal.protocol.RequestId;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.jspecify.annotations.Nullable;

/**
 * Collects the responses to the requests of one batch, which run concurrently, and sends them as
 * one array once the last is in; notifications leave no entry, and a batch of only notifications
 * gets no response at all.
 */
final class BatchResponder {

	private final ServerConnection connection;

	private final MessageWriter partWriter;

	private final AtomicReferenceArray<ByteBuf> parts;

	private final AtomicInteger remaining;

	BatchResponder(ServerConnection connection, int size) {
		this.connection = connection;
		this.partWriter = connection.writer().unframed();
		this.parts = new AtomicReferenceArray<>(size);
		this.remaining = new AtomicInteger(size);
	}

	/** The responder for the request at {@code index}. */
	CallResponder slot(int index) {
		return new CallResponder() {

			@Override
			public MessageWriter writer() {
				return BatchResponder.this.partWriter;
			}

			@Override
			public ByteBufAllocator alloc() {
				return BatchResponder.this.connection.alloc();
			}

			@Override
			public void respond(ByteBuf response) {
				complete(index, response);
			}

			@Override
			public void dropped() {
				complete(index, null);
			}

			@Override
			public void abort() {
				BatchResponder.this.connection.abort();
			}

		};
	}

	private void complete(int index, @Nullable ByteBuf part) {
		this.parts.set(index, part);
		if (this.remaining.decrementAndGet() == 0) {
			send();
		}
	}

	private void send() {
		MessageWriter writer = this.connection.writer();
		int total = 2;
		boolean any = false;
		for (int i = 0; i < this.parts.length(); i++) {
			ByteBuf part = this.parts.get(i);
			if (part != null) {
				total += part.readableBytes() + 1;
				any = true;
			}
		}
		if (!any) {
			this.connection.dropped();
			return;
		}
		if (total > writer.maxMessageSize()) {
			releaseParts();
			this.connection.respondError(RequestId.NULL, RpcErrorCodes.INTERNAL_ERROR, "Internal error: the batch "
					+ "response is larger than the frame limit of " + writer.maxMessageSize() + " bytes");
			return;
		}
		ByteBuf batch = this.connection.alloc().ioBuffer(total + 8);
		int start = batch.writerIndex();
		writer.framing().begin(batch);
		batch.writeByte('[');
		boolean first = true;
		for (int i = 0; i < this.parts.length(); i++) {
			ByteBuf part = this.parts.get(i);
			if (part != null) {
				if (!first) {
					batch.writeByte(',');
				}
				first = false;
				batch.writeBytes(part);
			}
		}
		batch.writeByte(']');
		writer.framing().end(batch, start);
		releaseParts();
		this.connection.respond(batch);
	}

	private void releaseParts() {
		for (int i = 0; i < this.parts.length(); i++) {
			ByteBuf part = this.parts.get(i);
			if (part != null) {
				part.release();
			}
		}
	}

}
