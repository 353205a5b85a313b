/**
 * Embedded PostgreSQL for zero-setup runs: started when no {@code spring.datasource.url} is set.
 */
@NullMarked
package dev.chargestorm.sut.database;

import org.jspecify.annotations.NullMarked;
