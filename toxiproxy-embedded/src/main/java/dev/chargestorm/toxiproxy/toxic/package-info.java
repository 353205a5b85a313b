/**
 * Toxics: their typed settings ({@link dev.chargestorm.toxiproxy.toxic.ToxicSettings}), their definition on a proxy
 * ({@link dev.chargestorm.toxiproxy.toxic.Toxic}) and the per-connection, per-direction pipeline that applies them
 * ({@link dev.chargestorm.toxiproxy.toxic.ToxicChain}). Everything in a chain runs on one Netty event loop; delays are
 * scheduled on it, never slept.
 */
@NullMarked
package dev.chargestorm.toxiproxy.toxic;

import org.jspecify.annotations.NullMarked;
