-- Central system schema. Deliberately close to what production OCPP servers keep, so that the
-- naive profile pays the same per-message database costs that made the reconnect storm hurt.

CREATE TABLE charge_point (
    id                       VARCHAR(48) PRIMARY KEY,
    registration_status      VARCHAR(16)  NOT NULL DEFAULT 'Accepted',
    auth_password_hash       VARCHAR(200),
    vendor                   VARCHAR(20),
    model                    VARCHAR(20),
    serial_number            VARCHAR(25),
    charge_box_serial_number VARCHAR(25),
    firmware_version         VARCHAR(50),
    iccid                    VARCHAR(20),
    imsi                     VARCHAR(20),
    meter_type               VARCHAR(25),
    meter_serial_number      VARCHAR(25),
    online                   BOOLEAN      NOT NULL DEFAULT FALSE,
    node_id                  VARCHAR(64),
    last_connected_at        TIMESTAMPTZ,
    last_seen_at             TIMESTAMPTZ,
    last_boot_at             TIMESTAMPTZ,
    last_heartbeat_at        TIMESTAMPTZ,
    firmware_status          VARCHAR(32),
    firmware_status_at       TIMESTAMPTZ,
    diagnostics_status       VARCHAR(32),
    diagnostics_status_at    TIMESTAMPTZ,
    created_at               TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Latest status per connector: the search API reads only this table, never the history.
CREATE TABLE connector_status (
    charge_point_id   VARCHAR(48) NOT NULL REFERENCES charge_point (id),
    connector_id      INTEGER     NOT NULL,
    status            VARCHAR(16) NOT NULL,
    error_code        VARCHAR(32) NOT NULL,
    info              VARCHAR(50),
    vendor_id         VARCHAR(255),
    vendor_error_code VARCHAR(50),
    status_timestamp  TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (charge_point_id, connector_id)
);

CREATE TABLE connector_status_history (
    id                BIGSERIAL PRIMARY KEY,
    charge_point_id   VARCHAR(48) NOT NULL,
    connector_id      INTEGER     NOT NULL,
    status            VARCHAR(16) NOT NULL,
    error_code        VARCHAR(32) NOT NULL,
    info              VARCHAR(50),
    vendor_id         VARCHAR(255),
    vendor_error_code VARCHAR(50),
    status_timestamp  TIMESTAMPTZ NOT NULL,
    received_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX connector_status_history_cp ON connector_status_history (charge_point_id, connector_id, status_timestamp);

CREATE TABLE id_tag (
    id_tag        VARCHAR(20) PRIMARY KEY,
    status        VARCHAR(16) NOT NULL DEFAULT 'Accepted',
    expiry_date   TIMESTAMPTZ,
    parent_id_tag VARCHAR(20),
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- transactionId is allocated by the central system from a sequence.
CREATE SEQUENCE charging_transaction_id_seq AS INTEGER START WITH 1;

CREATE TABLE charging_transaction (
    id                INTEGER PRIMARY KEY,
    charge_point_id   VARCHAR(48) NOT NULL,
    connector_id      INTEGER,
    id_tag            VARCHAR(20),
    id_tag_status     VARCHAR(16),
    meter_start       BIGINT,
    started_at        TIMESTAMPTZ,
    reservation_id    INTEGER,
    meter_stop        BIGINT,
    stopped_at        TIMESTAMPTZ,
    stop_reason       VARCHAR(16),
    stop_id_tag       VARCHAR(20),
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    stop_received_at  TIMESTAMPTZ
);
-- A retried StartTransaction (same charger, connector, idTag, timestamp and meter) must not
-- create a second transaction: the natural key is unique.
CREATE UNIQUE INDEX charging_transaction_start_key
    ON charging_transaction (charge_point_id, connector_id, id_tag, started_at, meter_start);

-- StopTransaction for a transactionId this system never allocated (kept, never dropped).
CREATE TABLE unmatched_stop_transaction (
    id              BIGSERIAL PRIMARY KEY,
    charge_point_id VARCHAR(48) NOT NULL,
    transaction_id  INTEGER     NOT NULL,
    id_tag          VARCHAR(20),
    meter_stop      BIGINT      NOT NULL,
    stopped_at      TIMESTAMPTZ NOT NULL,
    stop_reason     VARCHAR(16),
    received_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (charge_point_id, transaction_id, stopped_at, meter_stop)
);

CREATE TABLE meter_value (
    id              BIGSERIAL PRIMARY KEY,
    charge_point_id VARCHAR(48) NOT NULL,
    connector_id    INTEGER     NOT NULL,
    transaction_id  INTEGER,
    sampled_at      TIMESTAMPTZ NOT NULL,
    -- MeterValues or StopTransaction (its transactionData)
    source          VARCHAR(16) NOT NULL,
    sampled_values  JSONB       NOT NULL,
    received_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- A retried MeterValues (or StopTransaction) is stored once.
CREATE UNIQUE INDEX meter_value_key
    ON meter_value (charge_point_id, connector_id, COALESCE(transaction_id, -1), sampled_at, source, md5(sampled_values::text));

CREATE TABLE data_transfer (
    id              BIGSERIAL PRIMARY KEY,
    charge_point_id VARCHAR(48)  NOT NULL,
    vendor_id       VARCHAR(255) NOT NULL,
    message_id      VARCHAR(50),
    data            TEXT,
    received_at     TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Firmware and diagnostics notifications, as received (the latest also sits on charge_point).
CREATE TABLE charge_point_notification (
    id              BIGSERIAL PRIMARY KEY,
    charge_point_id VARCHAR(48) NOT NULL,
    kind            VARCHAR(32) NOT NULL,
    status          VARCHAR(32) NOT NULL,
    received_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
