-- Charging spots for the search API: a spot (site) has chargers (the central system's charge
-- points), a charger has connectors. Connector status is NOT stored here: the search reads the
-- latest status per connector from connector_status (written by the OCPP side), never the history.

-- cube + earthdistance ship with the embedded PostgreSQL binaries (contrib). ll_to_earth() gives a
-- point on the earth's surface as a 3-D cube in metres: a GiST index on it answers both the radius
-- box (earth_box @>) and the nearest-first order (<->, k-nearest-neighbour index scan).
CREATE EXTENSION IF NOT EXISTS cube;
CREATE EXTENSION IF NOT EXISTS earthdistance;

CREATE TABLE spot (
    id         VARCHAR(32)      PRIMARY KEY,
    name       VARCHAR(200)     NOT NULL,
    address    VARCHAR(300)     NOT NULL,
    lat        DOUBLE PRECISION NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lng        DOUBLE PRECISION NOT NULL CHECK (lng BETWEEN -180 AND 180),
    updated_at TIMESTAMPTZ      NOT NULL DEFAULT now()
);
CREATE INDEX spot_location ON spot USING gist (ll_to_earth(lat, lng));

-- A charge point belongs to at most one spot; charge points that connect without being seeded
-- (auto-registration) have none and never show up in a search.
ALTER TABLE charge_point ADD COLUMN spot_id VARCHAR(32) REFERENCES spot (id);
CREATE INDEX charge_point_spot ON charge_point (spot_id) WHERE spot_id IS NOT NULL;

-- What is physically there: plug type and power per connector (OCPP connectorId 1..n).
CREATE TABLE connector (
    charge_point_id VARCHAR(48)  NOT NULL REFERENCES charge_point (id),
    connector_id    INTEGER      NOT NULL CHECK (connector_id > 0),
    type            VARCHAR(16)  NOT NULL,
    power_kw        NUMERIC(6,1) NOT NULL CHECK (power_kw > 0),
    PRIMARY KEY (charge_point_id, connector_id)
);
