package io.github.workerskv.kv.cloudflare;

/**
 * What an HTTP client received for one request: the status, the headers and the body, and how to give the
 * exchange's resources back once the answer has been read (or, for a streamed value, once the stream is
 * closed, which the stream itself takes care of).
 *
 * @param status the HTTP status
 * @param headers the response headers
 * @param body the body
 * @param release ends the exchange; called once, and not needed after the body's stream was closed
 */
record HttpAnswer(int status, ResponseHeaders headers, Body body, Runnable release) {
}
