package io.github.workerskv.sample;

import io.github.workerskv.sample.ComputeService.Square;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /compute/{n}} answers {@code {"n":12,"square":144,"computedAt":"..."}}: slowly the first time,
 * then from the KV cache (same {@code computedAt}) until the cache entry expires.
 */
@RestController
class ComputeController {

	private final ComputeService service;

	ComputeController(ComputeService service) {
		this.service = service;
	}

	@GetMapping("/compute/{n}")
	Square compute(@PathVariable long n) {
		return this.service.square(n);
	}

}
