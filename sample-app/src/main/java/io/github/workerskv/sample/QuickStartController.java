package io.github.workerskv.sample;

import java.io.InputStream;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.KVValidationException;
import io.github.workerskv.kv.PutOptions;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Workers KV Quick Start as HTTP endpoints over the one configured binding.
 *
 * <ul>
 * <li>{@code POST /set/{key}} stores the raw request body, whatever its content type, and answers
 * {@code {"success":true,"key":"<key>"}}.</li>
 * <li>{@code GET /get/{key}} answers {@code {"value":"<UTF-8 text>"}}, or 404 {@code {"error":"Not found"}}.</li>
 * <li>A key or value that breaks a KV limit answers 400 {@code {"error":"<KV's message>"}}, whatever status
 * the KV REST API would give (it answers 414 for a long key, which would misdescribe this app's URL).</li>
 * </ul>
 *
 * <p>A key is one path segment, so it cannot contain {@code /}.
 */
@RestController
class QuickStartController {

	private final KVNamespace namespace;

	QuickStartController(KVNamespace namespace) {
		this.namespace = namespace;
	}

	@PostMapping("/set/{key}")
	SetResponse set(@PathVariable String key, InputStream body) {
		this.namespace.put(key, body, PutOptions.none());
		return new SetResponse(true, key);
	}

	@GetMapping("/get/{key}")
	ResponseEntity<?> get(@PathVariable String key) {
		String value = this.namespace.get(key);
		if (value == null) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new ErrorResponse("Not found"));
		}
		return ResponseEntity.ok(new ValueResponse(value));
	}

	@ExceptionHandler
	ResponseEntity<ErrorResponse> invalid(KVValidationException ex) {
		return ResponseEntity.badRequest().body(new ErrorResponse(String.valueOf(ex.getMessage())));
	}

	record SetResponse(boolean success, String key) {
	}

	record ValueResponse(String value) {
	}

	record ErrorResponse(String error) {
	}

}
