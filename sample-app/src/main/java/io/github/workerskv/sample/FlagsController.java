package io.github.workerskv.sample;

import java.util.Map;

import io.github.workerskv.kv.KVValidationException;
import io.github.workerskv.kv.flags.AuditPage;
import io.github.workerskv.kv.flags.DocumentMetadata;
import io.github.workerskv.kv.flags.FeatureFlags;
import io.github.workerskv.kv.flags.FeatureFlagsAdmin;
import io.github.workerskv.kv.flags.FlagChange;
import io.github.workerskv.kv.flags.FlagContext;
import io.github.workerskv.kv.flags.FlagDocumentInvalidException;
import io.github.workerskv.kv.flags.FlagEvaluation;
import io.github.workerskv.kv.flags.StaleVersionException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The flag endpoints of the Workers KV docs' feature-flag example, served from the {@code FeatureFlags} and
 * {@code FeatureFlagsAdmin} beans (documents {@code flags:global} and {@code flags:user:<id>} in
 * {@code MY_NAMESPACE}).
 *
 * <ul>
 * <li>{@code GET /flags?user=<id>}: that user's flags as the service evaluates them, every flag of the document
 * that answers the user (theirs, else the global one, else the defaults of {@code application.yml}):
 * {@code {"newCheckout": true, ...}}. Without {@code user}, the global document's.</li>
 * <li>{@code POST /admin/flags} with a JSON object: writes the global document (with {@code ?user=<id>}, that
 * user's), stamped with metadata {@code {updatedAt, updatedBy, version}}, and answers the metadata.
 * {@code by} says who (default {@code admin}), {@code reason} why, {@code expectedVersion} refuses the write (409)
 * if someone else wrote first; a document flagd would refuse, or a user id that makes a key over KV's limit,
 * answers 400.</li>
 * <li>{@code GET /admin/flags/audit}: the newest changes first, who, when, why, before and after.</li>
 * </ul>
 * The sample has no authentication; it listens on loopback only.
 */
@RestController
class FlagsController {

	private final FeatureFlags flags;

	private final FeatureFlagsAdmin admin;

	FlagsController(FeatureFlags flags, FeatureFlagsAdmin admin) {
		this.flags = flags;
		this.admin = admin;
	}

	@GetMapping("/flags")
	ObjectNode flags(@RequestParam(required = false) @Nullable String user) {
		ObjectNode answer = JsonNodeFactory.instance.objectNode();
		for (Map.Entry<String, FlagEvaluation<JsonNode>> flag : this.flags.evaluateAll(FlagContext.of(user)).entrySet()) {
			answer.set(flag.getKey(), flag.getValue().value());
		}
		return answer;
	}

	@PostMapping("/admin/flags")
	ResponseEntity<DocumentMetadata> write(@RequestBody JsonNode document,
			@RequestParam(required = false) @Nullable String user, @RequestParam(defaultValue = "admin") String by,
			@RequestParam(required = false) @Nullable String reason,
			@RequestParam(required = false) @Nullable Long expectedVersion) {
		FlagChange change = FlagChange.by(by).withReason(reason);
		if (expectedVersion != null) {
			change = change.withExpectedVersion(expectedVersion);
		}
		DocumentMetadata metadata = (user != null) ? this.admin.setUserDocument(user, document, change)
				: this.admin.setDocument(document, change);
		return ResponseEntity.ok(metadata);
	}

	@GetMapping("/admin/flags/audit")
	AuditPage audit(@RequestParam(defaultValue = "20") int limit, @RequestParam(required = false) @Nullable String cursor) {
		return this.admin.auditLog(limit, cursor);
	}

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> stale(StaleVersionException ex) {
		return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", String.valueOf(ex.getMessage())));
	}

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> invalidKey(KVValidationException ex) {
		return ResponseEntity.badRequest().body(Map.of("error", String.valueOf(ex.getMessage())));
	}

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> invalid(FlagDocumentInvalidException ex) {
		return ResponseEntity.badRequest().body(Map.of("error", String.valueOf(ex.getMessage())));
	}

}
