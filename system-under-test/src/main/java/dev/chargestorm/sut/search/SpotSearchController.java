package dev.chargestorm.sut.search;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import dev.chargestorm.sut.search.BudgetedQueries.Answer;
import dev.chargestorm.sut.search.SpotRepository.SpotView;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/spots} (search, nearest first, paged with an opaque cursor) and
 * {@code GET /api/spots/{id}}. Answers carry a strong {@code ETag} ({@code If-None-Match} gives
 * 304) and {@code Cache-Control: max-age}; stale answers from degraded mode say so in
 * {@code X-ChargeStorm-Stale}, {@code Age} and {@code Warning}.
 */
@RestController
@Conditional(ApiRoleCondition.class)
class SpotSearchController {

	static final String STALE_HEADER = "X-ChargeStorm-Stale";

	private final SpotRepository repository;

	private final BudgetedQueries queries;

	private final JsonMapper json;

	private final Clock clock;

	private final SearchProperties properties;

	private final MeterRegistry meters;

	SpotSearchController(SpotRepository repository, BudgetedQueries queries, JsonMapper json, Clock clock,
			SearchProperties properties, MeterRegistry meters) {
		this.repository = repository;
		this.queries = queries;
		this.json = json;
		this.clock = clock;
		this.properties = properties;
		this.meters = meters;
	}

	@GetMapping("/api/spots")
	ResponseEntity<byte[]> search(HttpServletRequest request,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) @Nullable String ifNoneMatch) {
		long started = System.nanoTime();
		String outcome = "invalid";
		try {
			SpotQuery query = SpotQuery.parse(request.getParameterMap());
			outcome = "unavailable";
			Answer answer = this.queries.run("search|" + query.cacheKey(),
					() -> this.json.writeValueAsBytes(this.repository.search(query)));
			ResponseEntity<byte[]> response = respond(answer, ifNoneMatch);
			outcome = outcome(answer, response);
			return response;
		}
		finally {
			record("search", outcome, started);
		}
	}

	@GetMapping("/api/spots/{id}")
	ResponseEntity<byte[]> spot(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) @Nullable String ifNoneMatch) {
		long started = System.nanoTime();
		String outcome = "invalid";
		try {
			if (id.length() > 32) {
				throw new InvalidParameterException("id", "must be a spot id of at most 32 characters", id);
			}
			outcome = "unavailable";
			Answer answer = this.queries.run("spot|" + id, () -> {
				SpotView spot = this.repository.find(id);
				return (spot != null) ? this.json.writeValueAsBytes(spot) : null;
			});
			if (answer.body() == null) {
				outcome = "not_found";
				throw new SpotNotFoundException(id);
			}
			ResponseEntity<byte[]> response = respond(answer, ifNoneMatch);
			outcome = outcome(answer, response);
			return response;
		}
		finally {
			record("spot", outcome, started);
		}
	}

	private ResponseEntity<byte[]> respond(Answer answer, @Nullable String ifNoneMatch) {
		byte[] body = answer.body();
		HttpHeaders headers = new HttpHeaders();
		String etag = etag(body);
		headers.setETag(etag);
		if (answer.stale()) {
			headers.setCacheControl("max-age=0, must-revalidate");
			headers.set(STALE_HEADER, "true");
			headers.set(HttpHeaders.AGE, Long.toString(answer.ageSeconds(this.clock)));
			headers.set("Warning", "110 - \"Response is Stale\"");
		}
		else {
			headers.setCacheControl("public, max-age=" + this.properties.httpMaxAge().toSeconds());
		}
		if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).headers(headers).build();
		}
		return ResponseEntity.ok().headers(headers).contentType(MediaType.APPLICATION_JSON).body(body);
	}

	private static String outcome(Answer answer, ResponseEntity<byte[]> response) {
		if (response.getStatusCode() == HttpStatus.NOT_MODIFIED) {
			return answer.stale() ? "stale_not_modified" : "not_modified";
		}
		return answer.stale() ? "stale" : "fresh";
	}

	/** Weak comparison (RFC 9110 13.1.2): {@code W/} prefixes do not matter, {@code *} matches. */
	private static boolean matches(String ifNoneMatch, String etag) {
		for (String candidate : ifNoneMatch.split(",")) {
			String tag = candidate.trim();
			if (tag.startsWith("W/")) {
				tag = tag.substring(2);
			}
			if (tag.equals("*") || tag.equals(etag)) {
				return true;
			}
		}
		return false;
	}

	private static String etag(byte[] body) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
			return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available in this JVM", ex);
		}
	}

	private void record(String endpoint, String outcome, long startedNanos) {
		Timer.builder("chargestorm.search.requests")
			.description("Search API requests by endpoint and outcome")
			.tag("endpoint", endpoint)
			.tag("outcome", outcome)
			.publishPercentileHistogram()
			.register(this.meters)
			.record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalidParameter(InvalidParameterException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Invalid search parameter");
		problem.setProperty("parameter", ex.parameter());
		problem.setProperty("rule", ex.rule());
		if (ex.value() != null) {
			problem.setProperty("value", ex.value());
		}
		return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> notFound(SpotNotFoundException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
		problem.setProperty("spotId", ex.spotId);
		return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unavailable(SearchUnavailableException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				ex.getMessage() + ". Retry later" + (this.properties.degradedMode().enabled() ? ""
						: "; with chargestorm.search.degraded-mode.enabled=true recent answers are served from a cache"));
		problem.setTitle("Search temporarily unavailable");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, this.properties.retryAfter().toSeconds())))
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	static final class SpotNotFoundException extends RuntimeException {

		private final String spotId;

		SpotNotFoundException(String spotId) {
			super("No spot '" + spotId + "'");
			this.spotId = spotId;
		}

	}

}
