package dev.chargestorm.chaos.fault;

import org.apiguardian.api.API;

/** What a zone partition cuts the zone from. */
@API(status = API.Status.EXPERIMENTAL)
public enum PartitionSide {

    /** The zone's nodes lose the database (their db proxies are disabled). */
    FROM_DB,

    /** Chargers and search clients lose the zone's nodes (their client proxies are disabled). */
    FROM_CHARGERS,

    /** Both. */
    BOTH
}
