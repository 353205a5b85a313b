/**
 * One simulated OCPP 1.6J charge point: connection lifecycle with its persona's redial, BootNotification with
 * Pending and Rejected, heartbeats, status notifications, driver sessions, the offline queue of transaction messages,
 * and answers to the central system's CALLs. Each charger is confined to one event loop: no locks.
 */
@NullMarked
package dev.chargestorm.fleet.chargepoint;

import org.jspecify.annotations.NullMarked;
