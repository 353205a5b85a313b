package dev.chargestorm.sut.search;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.chargestorm.sut.ocpp.message.CoreEnums.ChargePointStatus;
import dev.chargestorm.sut.search.seed.SeedSpot;
import dev.chargestorm.sut.search.seed.SeedSpot.Charger;
import dev.chargestorm.sut.search.seed.SeedSpot.Connector;
import dev.chargestorm.sut.support.Http;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Spots placed at known distances from an origin, and search calls, for the search tests. */
final class SpotFixtures {

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** Metres per degree of latitude on earthdistance's sphere (radius 6,378,168 m). */
	static final double METRES_PER_DEGREE = 6_378_168 * Math.PI / 180;

	private SpotFixtures() {
	}

	/** A spot {@code north} and {@code east} metres from ({@code lat}, {@code lng}). */
	static SeedSpot spot(String id, double lat, double lng, double north, double east, Charger... chargers) {
		double spotLat = lat + north / METRES_PER_DEGREE;
		double spotLng = lng + east / (METRES_PER_DEGREE * Math.cos(Math.toRadians(lat)));
		return new SeedSpot(id, "Spot " + id, "1-2-3 Test, Japan", spotLat, spotLng, List.of(chargers));
	}

	static Charger charger(String chargePointId, Connector... connectors) {
		return new Charger(chargePointId, List.of(connectors));
	}

	static Connector connector(int id, ConnectorType type, double powerKw, @Nullable ChargePointStatus status) {
		return new Connector(id, type, powerKw, status);
	}

	static HttpResponse<String> search(int port, String query) {
		return Http.get(port, "/api/spots?" + query);
	}

	static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	static List<String> ids(JsonNode page) {
		List<String> ids = new ArrayList<>();
		page.get("spots").forEach((spot) -> ids.add(spot.get("id").asString()));
		return ids;
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
