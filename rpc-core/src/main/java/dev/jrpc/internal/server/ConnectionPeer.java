package dev.jrpc.internal.server;

import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLPeerUnverifiedException;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;

/**
 * Who is at the other end of a connection, as its calls show it to interceptors: its address and,
 * over TLS, the certificate chain it showed and the server verified (empty when it showed none).
 * Read once per connection.
 *
 * @param address the peer's address
 * @param local the server's own address on the connection
 * @param certificates the peer's verified certificate chain, its own certificate first
 */
record ConnectionPeer(SocketAddress address, SocketAddress local, List<X509Certificate> certificates) {

	/** The peer of {@code channel}, whose TLS handshake, if any, has ended. */
	static ConnectionPeer of(Channel channel) {
		SslHandler tls = channel.pipeline().get(SslHandler.class);
		return new ConnectionPeer(channel.remoteAddress(), channel.localAddress(),
				(tls != null) ? certificates(tls) : List.of());
	}

	private static List<X509Certificate> certificates(SslHandler tls) {
		try {
			List<X509Certificate> chain = new ArrayList<>();
			for (Certificate certificate : tls.engine().getSession().getPeerCertificates()) {
				if (certificate instanceof X509Certificate x509) {
					chain.add(x509);
				}
			}
			return List.copyOf(chain);
		}
		catch (SSLPeerUnverifiedException ex) {
			// The client showed no certificate, which client-auth "want" or "none" allows.
			return List.of();
		}
	}

}
