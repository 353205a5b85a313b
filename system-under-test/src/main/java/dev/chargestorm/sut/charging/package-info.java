/**
 * Charging: id tags, transactions, meter values and the other charge-point notifications.
 */
@NullMarked
package dev.chargestorm.sut.charging;

import org.jspecify.annotations.NullMarked;
