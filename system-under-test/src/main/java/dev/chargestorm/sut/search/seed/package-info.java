/**
 * Seeding the search data: a deterministic, realistic dataset of charging spots across Japan
 * ({@link dev.chargestorm.sut.search.seed.SpotDataset}), the bulk upsert {@code POST /admin/spots},
 * seeding at start ({@code --chargestorm.seed.spots=N}) and the {@code ./chargestorm seed} command
 * ({@link dev.chargestorm.sut.search.seed.SeedCommand}).
 */
@NullMarked
package dev.chargestorm.sut.search.seed;

import org.jspecify.annotations.NullMarked;
