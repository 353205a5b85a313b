package dev.chargestorm.sut.search.seed;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.chargestorm.sut.search.seed.SpotWriter.Written;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /admin/spots}: creates or updates spots with their chargers and connectors in bulk
 * (at most {@value #MAX_BATCH} per request), registering the chargers as charge points. Protected
 * like every {@code /admin} endpoint (admin credentials, loopback).
 */
@RestController
class SpotAdminController {

	static final int MAX_BATCH = 5_000;

	private final SpotWriter writer;

	private final Validator validator;

	SpotAdminController(SpotWriter writer, Validator validator) {
		this.writer = writer;
		this.validator = validator;
	}

	@PostMapping("/admin/spots")
	Written upsert(@RequestBody @Nullable List<@Nullable SeedSpot> spots) {
		if (spots == null || spots.isEmpty()) {
			throw new InvalidSpotsException("", "the body must be a JSON array of 1 to " + MAX_BATCH + " spots");
		}
		if (spots.size() > MAX_BATCH) {
			throw new InvalidSpotsException("", "at most " + MAX_BATCH + " spots per request but got " + spots.size()
					+ "; send them in batches");
		}
		Set<String> spotIds = new HashSet<>();
		Set<String> chargePointIds = new HashSet<>();
		for (int i = 0; i < spots.size(); i++) {
			SeedSpot spot = spots.get(i);
			String path = "[" + i + "]";
			if (spot == null) {
				throw new InvalidSpotsException(path, "must not be null");
			}
			for (ConstraintViolation<SeedSpot> violation : this.validator.validate(spot)) {
				throw new InvalidSpotsException(path + "." + violation.getPropertyPath(),
						violation.getMessage() + " but was " + violation.getInvalidValue());
			}
			if (!spotIds.add(spot.id())) {
				throw new InvalidSpotsException(path + ".id", "appears twice in the request: " + spot.id());
			}
			for (int c = 0; c < spot.chargers().size(); c++) {
				SeedSpot.Charger charger = spot.chargers().get(c);
				if (!chargePointIds.add(charger.chargePointId())) {
					throw new InvalidSpotsException(path + ".chargers[" + c + "].chargePointId",
							"appears twice in the request: " + charger.chargePointId());
				}
				Set<Integer> connectorIds = new HashSet<>();
				for (int k = 0; k < charger.connectors().size(); k++) {
					if (!connectorIds.add(charger.connectors().get(k).connectorId())) {
						throw new InvalidSpotsException(path + ".chargers[" + c + "].connectors[" + k + "].connectorId",
								"appears twice for charge point " + charger.chargePointId());
					}
				}
			}
		}
		return this.writer.upsert(spots.stream().map((spot) -> (SeedSpot) spot).toList());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalidSpots(InvalidSpotsException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Invalid spots");
		problem.setProperty("path", ex.path);
		return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The body is not a JSON array of spots: " + ex.getMostSpecificCause().getMessage());
		problem.setTitle("Invalid spots");
		return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	static final class InvalidSpotsException extends RuntimeException {

		private final String path;

		InvalidSpotsException(String path, String rule) {
			super(path.isEmpty() ? rule : path + ": " + rule);
			this.path = path;
		}

	}

}
