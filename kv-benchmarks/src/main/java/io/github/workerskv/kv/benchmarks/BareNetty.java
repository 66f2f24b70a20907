package io.github.workerskv.kv.benchmarks;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The requests of {@link RestVsBareHttp.BareJdk} with Reactor Netty's {@code HttpClient}, the other candidate
 * transport already on the class path of many Spring applications (WebFlux, {@code WebClient}), called
 * the way a blocking caller would: one request per call, {@code block()} on its answer. Up to 64 pooled
 * connections, like the Jetty client beside it.
 */
final class BareNetty implements AutoCloseable {

	private final ConnectionProvider connections = ConnectionProvider.builder("kv-benchmarks").maxConnections(64).build();

	private final HttpClient client;

	private final HttpClient putClient;

	private final byte[] value = Bench.VALUE.getBytes(StandardCharsets.UTF_8);

	BareNetty(URI baseUrl) {
		this.client = HttpClient.create(this.connections)
			.baseUrl(baseUrl.toString())
			.headers((headers) -> headers.set("Authorization", "Bearer " + EmulatorServer.TOKEN));
		this.putClient = this.client.headers((headers) -> headers.set("Content-Type", "application/octet-stream"));
	}

	void get(String path) {
		Integer length = this.client.get()
			.uri(path)
			.responseSingle((response, body) -> (response.status().code() == 200)
					? body.asByteArray().map((bytes) -> bytes.length)
					: Mono.error(new IllegalStateException("GET " + path + ": HTTP " + response.status().code())))
			.block();
		if (length == null || length != 1024) {
			throw new IllegalStateException("GET " + path + " returned " + length + " bytes");
		}
	}

	void put(String path) {
		this.putClient.put()
			.uri(path)
			.send(ByteBufFlux.fromInbound(Mono.just(this.value)))
			.responseSingle((response, body) -> (response.status().code() == 200)
					? body.asByteArray().defaultIfEmpty(new byte[0])
					: Mono.error(new IllegalStateException("PUT " + path + ": HTTP " + response.status().code())))
			.block();
	}

	@Override
	public void close() {
		this.connections.disposeLater().block();
	}

}
