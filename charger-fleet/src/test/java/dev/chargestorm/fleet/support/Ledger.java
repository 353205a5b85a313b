package dev.chargestorm.fleet.support;

import java.util.ArrayList;
import java.util.List;

/** The transaction message ids the central system's database holds, in the fleet's acknowledgement format. */
public final class Ledger {

    private Ledger() {
    }

    /** Every stored StartTransaction, StopTransaction and MeterValues row of chargers whose id starts with prefix. */
    public static List<String> persistedIds(CentralSystem sut, String prefix) {
        String like = prefix.replace("'", "''") + "%";
        List<String> ids = new ArrayList<>();
        ids.addAll(sut.query("SELECT 'StartTransaction:' || charge_point_id || ':' || connector_id || ':' || id "
                + "FROM charging_transaction WHERE charge_point_id LIKE '" + like + "'"));
        ids.addAll(sut.query("SELECT 'StopTransaction:' || charge_point_id || ':' || id "
                + "FROM charging_transaction WHERE stopped_at IS NOT NULL AND charge_point_id LIKE '" + like + "'"));
        ids.addAll(sut.query("SELECT 'MeterValues:' || charge_point_id || ':' || connector_id || ':' || transaction_id "
                + "|| ':' || (extract(epoch FROM sampled_at) * 1000)::bigint FROM meter_value "
                + "WHERE source = 'MeterValues' AND charge_point_id LIKE '" + like + "'"));
        return ids;
    }
}
