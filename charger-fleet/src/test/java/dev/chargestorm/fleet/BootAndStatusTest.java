package dev.chargestorm.fleet;

import java.time.Duration;

import dev.chargestorm.fleet.metrics.FleetSummary;
import dev.chargestorm.fleet.persona.PersonaMix;
import dev.chargestorm.fleet.support.CentralSystem;
import dev.chargestorm.fleet.support.SharedCentralSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Boot, status and Basic auth against the real central system. */
@ExtendWith(SharedCentralSystem.class)
class BootAndStatusTest {

    @Test
    void chargersBootAndReportEveryConnector(CentralSystem sut) {
        // GIVEN 25 chargers ramping at 100/s
        FleetSettings settings = FleetSettings.builder(sut.url()).chargers(25).idPrefix("BOOT-").rampPerSecond(100)
                .seed(3).build();
        try (Fleet fleet = Fleet.start(settings)) {
            // WHEN they are all Accepted
            fleet.awaitAccepted(25, Duration.ofSeconds(60));
            int statuses = fleet.chargers().stream().mapToInt(c -> c.spec().connectors() + 1).sum();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> fleet.metrics().sentCount("StatusNotification") >= statuses);
            FleetSummary summary = fleet.summary();
            // THEN each booted once, reported connector 0 and every connector, and nothing was refused
            assertThat(summary.sent()).containsEntry("BootNotification", 25L)
                    .containsEntry("StatusNotification", (long) statuses);
            assertThat(summary.callErrors()).isEmpty();
            assertThat(summary.connectOutcomes()).containsOnlyKeys("ok");
            assertThat(summary.bootRoundTrip().getTotalCount()).isEqualTo(25);
            assertThat(summary.recoveries().get(0).p100Millis()).isNotNull();
            int connectors = statuses - 25;
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Integer.parseInt(sut.query(
                    "SELECT count(*) FROM connector_status WHERE charge_point_id LIKE 'BOOT-%' AND connector_id > 0")
                    .get(0))).isEqualTo(connectors));
            assertThat(sut.query("SELECT vendor FROM charge_point WHERE id = 'BOOT-000001'"))
                    .containsExactly(fleet.charger("BOOT-000001").spec().vendor());
        }
    }

    @Test
    void aCleanCloseByTheCentralSystemIsRedialledToo(CentralSystem sut) {
        try (Fleet fleet = Fleet.start(FleetSettings.builder(sut.url()).chargers(3).idPrefix("CLEAN-")
                .personas(PersonaMix.parse("fixed:500ms")).build())) {
            fleet.awaitAccepted(3, Duration.ofSeconds(30));
            // WHEN the central system closes every connection with a close frame (1000, normal closure)
            assertThat(sut.adminPost(0, "/admin/disconnect", "{\"fraction\":1.0,\"mode\":\"CLEAN\",\"closeCode\":1000}")
                    .statusCode()).isEqualTo(202);
            // THEN every charger redials (SAP simulator issue 2016 was a simulator that did not)
            await().atMost(Duration.ofSeconds(30)).until(() -> fleet.metrics().connectOutcomeCount("ok") >= 6
                    && fleet.metrics().acceptedCount() == 3);
            assertThat(fleet.metrics().reconnectHistogram("fixed:500ms").getMinValue()).isGreaterThanOrEqualTo(500);
        }
    }

    @Test
    void aPendingChargerWaitsTheIntervalAndSendsNothingElse(CentralSystem sut) {
        sut.provisionChargePoints("[{\"chargePointId\":\"PEND-000001\",\"registrationStatus\":\"Pending\"}]");
        try (Fleet fleet = Fleet.start(FleetSettings.builder(sut.url()).chargers(1).idPrefix("PEND-").build())) {
            // the central system answers Pending with a 2 s interval: a second Boot after 2 s, nothing in between
            await().atMost(Duration.ofSeconds(20)).until(() -> fleet.metrics().sentCount("BootNotification") >= 3);
            assertThat(fleet.summary().sent()).containsOnlyKeys("BootNotification");
            assertThat(fleet.metrics().acceptedCount()).isZero();
            assertThat(fleet.metrics().connectedCount()).isEqualTo(1);
            // WHEN the central system accepts it, the next Boot is Accepted
            sut.provisionChargePoints("[{\"chargePointId\":\"PEND-000001\",\"registrationStatus\":\"Accepted\"}]");
            fleet.awaitAccepted(1, Duration.ofSeconds(20));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> fleet.metrics().sentCount("StatusNotification") >= 2);
        }
    }

    @Test
    void aNonCompliantChargerIgnoresPendingAndGetsSecurityErrors(CentralSystem sut) {
        sut.provisionChargePoints("[{\"chargePointId\":\"RUDE-000001\",\"registrationStatus\":\"Pending\"}]");
        try (Fleet fleet = Fleet.start(FleetSettings.builder(sut.url()).chargers(1).idPrefix("RUDE-")
                .personas(PersonaMix.parse("ignore-pending")).build())) {
            await().atMost(Duration.ofSeconds(20)).until(() -> fleet.metrics().callErrorCount("SecurityError") >= 2);
            assertThat(fleet.metrics().sentCount("StatusNotification")).isGreaterThanOrEqualTo(2);
            assertThat(fleet.metrics().acceptedCount()).isZero();
        }
    }

    @Test
    void aRejectedChargerRetriesBootAfterTheInterval(CentralSystem sut) {
        sut.provisionChargePoints("[{\"chargePointId\":\"REJ-000001\",\"registrationStatus\":\"Rejected\"}]");
        try (Fleet fleet = Fleet.start(FleetSettings.builder(sut.url()).chargers(1).idPrefix("REJ-").build())) {
            await().atMost(Duration.ofSeconds(20)).until(() -> fleet.metrics().sentCount("BootNotification") >= 2);
            assertThat(fleet.summary().sent()).containsOnlyKeys("BootNotification");
            assertThat(fleet.metrics().acceptedCount()).isZero();
        }
    }

    @Test
    void basicAuthWithTheRightPasswordIsAcceptedAndTheWrongOneRedials(CentralSystem sut) {
        sut.provisionChargePoints("[{\"chargePointId\":\"AUTH-000001\",\"password\":\"0123456789abcdef-AUTH-000001\"},"
                + "{\"chargePointId\":\"AUTH-000002\",\"password\":\"0123456789abcdef-AUTH-000002\"}]");
        try (Fleet good = Fleet.start(FleetSettings.builder(sut.url()).chargers(2).idPrefix("AUTH-")
                .password("0123456789abcdef-{id}").build())) {
            good.awaitAccepted(2, Duration.ofSeconds(30));
        }
        try (Fleet bad = Fleet.start(FleetSettings.builder(sut.url()).chargers(1).idPrefix("AUTH-")
                .password("wrong-password-0000").personas(PersonaMix.parse("fixed:200ms")).build())) {
            await().atMost(Duration.ofSeconds(20)).until(() -> bad.metrics().connectOutcomeCount("http-401") >= 3);
            assertThat(bad.metrics().acceptedCount()).isZero();
        }
    }
}
