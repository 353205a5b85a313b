package dev.chargestorm.sut.search;

/** The database did not answer a search in time, or failed, and no stale answer could be given. */
final class SearchUnavailableException extends RuntimeException {

	SearchUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

	SearchUnavailableException(String message) {
		super(message);
	}

}
