package dev.jrpc.internal.server;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.jrpc.internal.protocol.Framing;
import dev.jrpc.internal.protocol.MessageDecoder;
import dev.jrpc.internal.protocol.MessageWriter;
import dev.jrpc.internal.transport.PipelineStep;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.local.LocalChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import tools.jackson.databind.ObjectMapper;

/**
 * Builds each accepted connection's pipeline: first the optional steps that must see the raw
 * bytes (TLS), then protocol detection, which installs the framing it found, capped at the frame
 * limit and guarded by the server's timeouts, and the connection handler that reads requests and
 * dispatches calls.
 */
final class ServerChannelInitializer extends ChannelInitializer<Channel> {

	private final RequestReader reader;

	private final CallDispatcher dispatcher;

	private final ObjectMapper mapper;

	private final ServerSettings settings;

	private final List<PipelineStep> firstSteps;

	private final ChannelGroup channels;

	private final InboundBudget budget;

	/** One warning a minute about clients that fail to speak TLS; the rest at debug level. */
	private final WarningLimit tlsWarnings = new WarningLimit(Duration.ofMinutes(1));

	ServerChannelInitializer(RequestReader reader, CallDispatcher dispatcher, ObjectMapper mapper,
			ServerSettings settings, List<PipelineStep> firstSteps, ChannelGroup channels) {
		this.reader = reader;
		this.dispatcher = dispatcher;
		this.mapper = mapper;
		this.settings = settings;
		this.firstSteps = List.copyOf(firstSteps);
		this.channels = channels;
		this.budget = new InboundBudget(settings.maxInboundBuffer());
	}

	@Override
	protected void initChannel(Channel channel) {
		this.channels.add(channel);
		// 1. Optional first steps on the raw bytes.
		for (PipelineStep step : this.firstSteps) {
			step.addTo(channel);
		}
		// TLS, when configured: a client that does not begin a handshake is closed; the handshake must
		// end in time, and a failed one is logged once, with its reason. In-process connections (tests)
		// never leave the JVM, and have no TLS.
		Supplier<SslContext> tls = this.settings.tls();
		if (tls != null && !(channel instanceof LocalChannel)) {
			channel.pipeline()
				.addLast("tls-gate", new TlsGate(tls, this.settings.tlsHandshakeTimeout(), this.tlsWarnings))
				.addLast("tls-outcome", new TlsHandshakeOutcome(this.tlsWarnings));
		}
		// 2. Protocol detection: the first byte chooses native frames or a JSON stream, once.
		channel.pipeline()
			.addLast("detector", new ProtocolDetector((framing) -> configure(channel.pipeline(), framing),
					this.settings.firstByteTimeout()));
	}

	private void configure(ChannelPipeline pipeline, Framing framing) {
		int maxFrameSize = this.settings.maxFrameSize();
		// 3. Connections with no traffic either way for the idle timeout are closed unless a call is in
		// flight (ServerConnection). Writes count: a client slowly taking many answers is not idle.
		if (!this.settings.idleTimeout().isZero()) {
			pipeline.addLast("idle", new IdleStateHandler(0, 0, this.settings.idleTimeout().toNanos(),
					TimeUnit.NANOSECONDS));
		}
		// 4. Framing, failing as soon as a message passes the limit; each message that spans reads holds
		// room in the server's inbound budget, and must arrive whole within its timeout.
		MessageDecoder framer = framing.newDecoder(maxFrameSize);
		ReadGate gate = new ReadGate();
		pipeline.addLast("inbound-budget", new InboundBudgetGate(this.budget, framer, gate));
		if (!this.settings.messageReadTimeout().isZero()) {
			pipeline.addLast("message-read-timeout",
					new MessageReadTimeout(framer, gate, this.settings.messageReadTimeout()));
		}
		pipeline.addLast("framer", framer);
		// 5. Requests in, pings answered, calls dispatched to workers, responses out through a WriteBatcher.
		MessageWriter writer = new MessageWriter(this.mapper, framing, maxFrameSize);
		// Only jrpc clients (native frames) understand rpc.goaway, which the connection age sends.
		Duration maxAge = (framing == Framing.LENGTH_PREFIXED) ? this.settings.maxConnectionAge() : Duration.ZERO;
		pipeline.addLast("connection", new ServerConnection(this.reader, this.dispatcher, writer, maxFrameSize,
				this.settings.maxBatchSize(), maxAge, gate));
	}

}
