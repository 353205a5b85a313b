package dev.chargestorm.chaos.fault;

import java.util.Objects;
import org.apiguardian.api.API;

/** Where a fault applies: every zone, one zone, or one node. */
@API(status = API.Status.EXPERIMENTAL)
public sealed interface Scope {

    /** @return every zone of the platform */
    static Scope all() {
        return All.INSTANCE;
    }

    /** @return the nodes and links of one zone */
    static Scope zone(String zone) {
        return new InZone(zone);
    }

    /** @return one node and its links */
    static Scope node(String node) {
        return new OnNode(node);
    }

    /** Every zone. */
    enum All implements Scope {
        INSTANCE;

        @Override
        public String toString() {
            return "all zones";
        }
    }

    /** One zone. */
    record InZone(String zone) implements Scope {
        public InZone {
            Objects.requireNonNull(zone, "zone");
        }

        @Override
        public String toString() {
            return "zone " + zone;
        }
    }

    /** One node. */
    record OnNode(String node) implements Scope {
        public OnNode {
            Objects.requireNonNull(node, "node");
        }

        @Override
        public String toString() {
            return "node " + node;
        }
    }
}
