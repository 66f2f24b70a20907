package io.github.workerskv.sample;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Slice;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * User preferences over HTTP, through {@link PreferencesRepository}.
 *
 * <ul>
 * <li>{@code PUT /preferences/{userId}} with {@code {"theme":"dark","language":"en"}} stores them (and restarts
 * their time to live) and answers what was stored.</li>
 * <li>{@code GET /preferences/{userId}} answers them, or 404 {@code {"error":"Not found"}}.</li>
 * <li>{@code GET /preferences?theme=dark&page=0&size=20} answers
 * {@code {"theme":"dark","count":2,"users":[...],"hasNext":false}}: a slice of the users with that theme, and
 * how many there are, both from KV's listings of the index in the metadata.</li>
 * <li>{@code DELETE /preferences/{userId}} answers 204.</li>
 * <li>A user id or theme that would break a KV limit (a key of 512 bytes, metadata of 1,024), and a size
 * outside 1..100, answer 400 {@code {"error":"..."}}.</li>
 * </ul>
 */
@RestController
@RequestMapping("/preferences")
class PreferencesController {

	static final int MAX_SIZE = 100;

	private final PreferencesRepository repository;

	PreferencesController(PreferencesRepository repository) {
		this.repository = repository;
	}

	@PutMapping("/{userId}")
	Preferences save(@PathVariable String userId, @RequestBody Choices choices) {
		return this.repository.save(new Preferences(userId, choices.theme(), choices.language()));
	}

	@GetMapping("/{userId}")
	ResponseEntity<?> get(@PathVariable String userId) {
		return this.repository.findById(userId)
			.<ResponseEntity<?>>map(ResponseEntity::ok)
			.orElseGet(() -> ResponseEntity.status(404).body(new ErrorResponse("Not found")));
	}

	@GetMapping(params = "theme")
	ResponseEntity<?> byTheme(@RequestParam String theme, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		if (page < 0 || size < 1 || size > MAX_SIZE) {
			return ResponseEntity.badRequest()
				.body(new ErrorResponse("page must be 0 or more and size 1.." + MAX_SIZE + ", but were " + page
						+ " and " + size));
		}
		Slice<Preferences> slice = this.repository.findByTheme(theme, PageRequest.of(page, size));
		return ResponseEntity
			.ok(new ThemeUsers(theme, this.repository.countByTheme(theme), slice.getContent(), slice.hasNext()));
	}

	@DeleteMapping("/{userId}")
	ResponseEntity<Void> delete(@PathVariable String userId) {
		this.repository.deleteById(userId);
		return ResponseEntity.noContent().build();
	}

	@ExceptionHandler
	ResponseEntity<ErrorResponse> invalid(InvalidDataAccessApiUsageException ex) {
		return ResponseEntity.badRequest().body(new ErrorResponse(String.valueOf(ex.getMessage())));
	}

	/** The body of a {@code PUT}. */
	record Choices(@Nullable String theme, @Nullable String language) {
	}

	record ThemeUsers(String theme, long count, List<Preferences> users, boolean hasNext) {
	}

	record ErrorResponse(String error) {
	}

}
