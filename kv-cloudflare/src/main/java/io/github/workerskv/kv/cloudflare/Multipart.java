package io.github.workerskv.kv.cloudflare;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * The {@code multipart/form-data} body of a value write with metadata, as wrangler sends it for a
 * file: part {@code value} with {@code filename="blob"} and {@code application/octet-stream} (so that
 * form parsers keep binary values as bytes rather than decoding them as text), then part
 * {@code metadata} carrying the JSON text. A streamed value is not buffered: it is the middle part of
 * the body.
 */
final class Multipart {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final String boundary;

	private final String metadataJson;

	/**
	 * @param metadataJson the metadata JSON text of the write
	 */
	Multipart(String metadataJson) {
		this.metadataJson = metadataJson;
		byte[] random = new byte[16];
		RANDOM.nextBytes(random);
		this.boundary = "----WorkersKVFormBoundary" + HexFormat.of().formatHex(random);
	}

	/** @return the {@code Content-Type} header value */
	String contentType() {
		return "multipart/form-data; boundary=" + this.boundary;
	}

	/**
	 * @param value the value's bytes
	 * @return the body, which can be sent again
	 */
	RequestBody body(byte[] value) {
		return new RequestBody(List.of(RequestBody.Part.of(head()), RequestBody.Part.of(value),
				RequestBody.Part.of(tail())), contentType(), true);
	}

	/**
	 * @param value the value's stream, read once while the request is sent
	 * @return the body, which is sent once
	 */
	RequestBody body(InputStream value) {
		return new RequestBody(List.of(RequestBody.Part.of(head()), new RequestBody.Part.Stream(value),
				RequestBody.Part.of(tail())), contentType(), false);
	}

	private byte[] head() {
		return ("--" + this.boundary + "\r\n" + "Content-Disposition: form-data; name=\"value\"; filename=\"blob\"\r\n"
				+ "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
	}

	private byte[] tail() {
		return ("\r\n--" + this.boundary + "\r\n" + "Content-Disposition: form-data; name=\"metadata\"\r\n\r\n"
				+ this.metadataJson + "\r\n--" + this.boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
	}

}
