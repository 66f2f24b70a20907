package io.github.workerskv.kv.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback port whose connections never complete, standing in for an unreachable API (a firewall that drops
 * packets, a host that is down): a listening socket that accepts nothing, its backlog filled, so that the
 * kernel drops further connection attempts and clients wait until their connect timeout.
 */
public final class UnansweredPort implements AutoCloseable {

	private final ServerSocket server;

	private final List<Socket> filling = new ArrayList<>();

	/**
	 * Opens the port and fills its backlog.
	 * @throws IOException if the port cannot be opened
	 */
	public UnansweredPort() throws IOException {
		this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
		for (int i = 0; i < 4; i++) {
			Socket socket = new Socket();
			try {
				socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port()), 200);
				this.filling.add(socket);
			}
			catch (IOException ex) {
				socket.close();
				break;
			}
		}
	}

	/** @return the port */
	public int port() {
		return this.server.getLocalPort();
	}

	@Override
	public void close() throws IOException {
		for (Socket socket : this.filling) {
			socket.close();
		}
		this.server.close();
	}

}
