package dev.chargestorm.sut.search.seed;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Seeding at start: {@code --chargestorm.seed.spots=30000} fills an empty database with the same
 * dataset {@code ./chargestorm seed --spots 30000} sends through the admin API.
 *
 * @param spots spots to generate when the database has none (0: do not seed)
 * @param seed the dataset's seed
 * @param idTags id tags {@code TAG-000001...} to provision (default: as many as spots)
 */
@ConfigurationProperties("chargestorm.seed")
@Validated
public record SeedProperties(@DefaultValue("0") @Min(0) @Max(999_999) int spots, @DefaultValue("1") long seed,
		@Nullable @Min(0) @Max(999_999) Integer idTags) {

	/** @return id tags to provision */
	public int idTagCount() {
		return (this.idTags != null) ? this.idTags : this.spots;
	}

}
