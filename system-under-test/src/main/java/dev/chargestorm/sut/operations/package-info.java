/**
 * Operations features: graceful drain, admission control and forced disconnects.
 */
@NullMarked
package dev.chargestorm.sut.operations;

import org.jspecify.annotations.NullMarked;
