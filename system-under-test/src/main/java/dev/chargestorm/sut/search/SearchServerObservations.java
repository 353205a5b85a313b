package dev.chargestorm.sut.search;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Leaves search requests ({@code /api/spots} and {@code /api/spots/{id}}) out of Spring's HTTP
 * server observation ({@code http.server.requests}): the search's own
 * {@code chargestorm.search.requests} timer measures each of them, with its outcome and a
 * percentile histogram, and a second observation of every search (a timer, an active-requests
 * long task timer, their tags) is CPU the search API cannot spare at hundreds of requests a second.
 * Every other request keeps the observation.
 */
final class SearchServerObservations implements ObservationPredicate {

	private static final String SEARCH_PATH = "/api/spots";

	@Override
	public boolean test(String name, Observation.Context context) {
		if (context instanceof ServerRequestObservationContext server) {
			return !isSearch(server.getCarrier());
		}
		return true;
	}

	private static boolean isSearch(HttpServletRequest request) {
		String uri = request.getRequestURI();
		int start = request.getContextPath().length();
		int end = start + SEARCH_PATH.length();
		return uri.startsWith(SEARCH_PATH, start) && (uri.length() == end || uri.charAt(end) == '/');
	}

}
