/**
 * The charging-spot search API ({@code GET /api/spots}, {@code GET /api/spots/{id}}) on nodes with
 * the {@code api} role: one indexed SQL statement per search on a pool of its own, keyset
 * pagination with opaque cursors, HTTP caching headers, and a degraded mode that answers from a
 * bounded cache when the database is slow or down.
 */
@NullMarked
package dev.chargestorm.sut.search;

import org.jspecify.annotations.NullMarked;
