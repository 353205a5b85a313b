package dev.chargestorm.sut.search.seed;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.chargestorm.sut.search.ConnectorType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The generated dataset: deterministic, and shaped like Japan's charging network. */
class SpotDatasetTest {

	@Test
	void theSameSeedGivesTheSameDatasetAndAnotherSeedAnotherOne() {
		List<SeedSpot> first = list(new SpotDataset(42, 3_000));
		List<SeedSpot> again = list(new SpotDataset(42, 3_000));
		List<SeedSpot> other = list(new SpotDataset(43, 3_000));
		assertThat(again).isEqualTo(first);
		assertThat(other).hasSize(3_000).isNotEqualTo(first);
		// a prefix of a bigger dataset is the smaller dataset
		assertThat(list(new SpotDataset(42, 100))).isEqualTo(first.subList(0, 100));
	}

	@Test
	void idsAreNumberedAndChargePointsAreContiguous() {
		List<SeedSpot> spots = list(new SpotDataset(1, 500));
		assertThat(spots.get(0).id()).isEqualTo("SPOT-000001");
		assertThat(spots.get(499).id()).isEqualTo("SPOT-000500");
		List<String> chargePoints = spots.stream()
			.flatMap((spot) -> spot.chargers().stream())
			.map(SeedSpot.Charger::chargePointId)
			.toList();
		for (int i = 0; i < chargePoints.size(); i++) {
			assertThat(chargePoints.get(i)).isEqualTo("CP-%06d".formatted(i + 1));
		}
		assertThat(SpotDataset.idTag(7)).isEqualTo("TAG-000007");
	}

	@Test
	void theMixLooksLikeJapan() {
		List<SeedSpot> spots = list(new SpotDataset(1, 30_000));
		Map<ConnectorType, Integer> types = new HashMap<>();
		int connectors = 0;
		int highway = 0;
		int nearTokyo = 0;
		for (SeedSpot spot : spots) {
			assertThat(spot.lat()).isBetween(24.0, 46.0);
			assertThat(spot.lng()).isBetween(122.0, 146.0);
			assertThat(spot.chargers()).hasSizeBetween(1, 4);
			if (spot.name().contains("Expressway")) {
				highway++;
			}
			if (Math.abs(spot.lat() - 35.68) < 0.25 && Math.abs(spot.lng() - 139.77) < 0.3) {
				nearTokyo++;
			}
			for (SeedSpot.Charger charger : spot.chargers()) {
				assertThat(charger.connectors()).hasSizeBetween(1, 2);
				for (SeedSpot.Connector connector : charger.connectors()) {
					types.merge(connector.type(), 1, Integer::sum);
					assertThat(connector.powerKw()).isBetween(3.0, 250.0);
					connectors++;
				}
			}
		}
		assertThat(highway).isBetween(5_500, 7_700);
		assertThat(nearTokyo).isGreaterThan(5_000);
		assertThat(types.get(ConnectorType.Type1)).isGreaterThan(connectors / 4);
		assertThat(types.get(ConnectorType.CHAdeMO)).isGreaterThan(connectors / 4);
		assertThat(types).containsKeys(ConnectorType.CCS2, ConnectorType.Type2, ConnectorType.NACS);
	}

	private static List<SeedSpot> list(SpotDataset dataset) {
		List<SeedSpot> spots = new ArrayList<>();
		dataset.forEach(spots::add);
		return spots;
	}

}
