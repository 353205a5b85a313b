package dev.chargestorm.fleet.plan;

import dev.chargestorm.fleet.persona.Persona;
import org.jspecify.annotations.Nullable;

/**
 * One simulated charger, as the seed decided it.
 *
 * @param index 1-based position in the whole fleet (over all processes)
 * @param id charge point identity, e.g. {@code CP-000001}
 * @param connectors 1 to 4
 * @param vendor chargePointVendor (at most 20 characters)
 * @param model chargePointModel (at most 20 characters)
 * @param serialNumber chargePointSerialNumber
 * @param firmwareVersion firmwareVersion
 * @param password Basic-auth password (security profile 1), or null for none
 * @param persona firmware habits
 * @param seed the charger's own random seed (its schedule derives from it alone)
 */
public record ChargerSpec(int index, String id, int connectors, String vendor, String model, String serialNumber,
        String firmwareVersion, @Nullable String password, Persona persona, long seed) {
}
