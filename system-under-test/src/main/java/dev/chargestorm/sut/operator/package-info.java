/**
 * Operator REST API: central-system-initiated calls such as remote start.
 */
@NullMarked
package dev.chargestorm.sut.operator;

import org.jspecify.annotations.NullMarked;
