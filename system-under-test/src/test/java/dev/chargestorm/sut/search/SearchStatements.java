package dev.chargestorm.sut.search;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/** For benchmarks: the exact SQL statement, with its parameters, that the API runs for a search. */
public final class SearchStatements {

	private SearchStatements() {
	}

	/**
	 * @param queryString a search's query string, such as {@code lat=35.68&lng=139.77&status=available}
	 * @return the statement's SQL (named parameters) and parameters
	 */
	public static Map.Entry<String, MapSqlParameterSource> of(String queryString) {
		Map<String, String[]> parameters = new LinkedHashMap<>();
		for (String pair : queryString.split("&")) {
			String[] nameAndValue = pair.split("=", 2);
			parameters.put(URLDecoder.decode(nameAndValue[0], StandardCharsets.UTF_8),
					new String[] { URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8) });
		}
		SpotRepository.Statement statement = SpotRepository.statement(SpotQuery.parse(parameters));
		return Map.entry(statement.sql(), statement.parameters());
	}

}
