/**
 * The database side of the zero-lost-transactions invariant: {@link dev.chargestorm.chaos.ledger.TransactionLedger}
 * reads the transaction messages the central system stored, in the charger fleet's acknowledgement id format, so that
 * the steady-state invariant {@code zero-lost-transactions} can reconcile what the chargers saw acknowledged (client
 * truth) with what is persisted.
 */
@NullMarked
package dev.chargestorm.chaos.ledger;

import org.jspecify.annotations.NullMarked;
