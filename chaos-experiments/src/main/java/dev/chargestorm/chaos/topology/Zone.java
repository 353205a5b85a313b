package dev.chargestorm.chaos.topology;

import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * One availability zone: its central-system and API nodes. Immutable; change it with the {@code with*} methods.
 *
 * @param name      short lower-case name ({@code a}, {@code b}, {@code eu-1}); part of node and proxy names
 * @param csmsNodes central-system nodes in the zone (0 or more)
 * @param apiNodes  search API nodes in the zone (0 or more)
 */
@API(status = API.Status.EXPERIMENTAL)
public record Zone(String name, int csmsNodes, int apiNodes) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]{0,7}(-[a-z0-9]{1,8})?");

    public Zone {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("zone name must be 1-8 lower-case letters or digits starting with a"
                    + " letter, optionally with one '-suffix' (like 'a' or 'eu-1'), but was '" + name + "'");
        }
        if (csmsNodes < 0 || csmsNodes > 16) {
            throw new IllegalArgumentException("zone '" + name + "': csmsNodes must be between 0 and 16 but was "
                    + csmsNodes);
        }
        if (apiNodes < 0 || apiNodes > 16) {
            throw new IllegalArgumentException("zone '" + name + "': apiNodes must be between 0 and 16 but was "
                    + apiNodes);
        }
    }

    /** @return a zone with one central-system node and no API node */
    public static Zone of(String name) {
        return new Zone(name, 1, 0);
    }

    public Zone withCsmsNodes(int count) {
        return new Zone(name, count, apiNodes);
    }

    public Zone withApiNodes(int count) {
        return new Zone(name, csmsNodes, count);
    }
}
