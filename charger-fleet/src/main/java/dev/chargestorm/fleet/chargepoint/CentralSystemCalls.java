package dev.chargestorm.fleet.chargepoint;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.chargestorm.fleet.ocpp.Frame;
import dev.chargestorm.fleet.ocpp.FrameCodec;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** How a charger answers the central system's CALLs (OCPP 1.6 Core and Remote Trigger). */
final class CentralSystemCalls {

    /** A CALLRESULT payload or a CALLERROR code, and what the charger does after answering. */
    record Answer(ObjectNode payload, @Nullable String errorCode, @Nullable Runnable then) {
        static Answer status(String status, @Nullable Runnable then) {
            return new Answer(FrameCodec.object().put("status", status), null, then);
        }

        static Answer error(String code) {
            return new Answer(FrameCodec.object(), code, null);
        }
    }

    /** OCPP 1.6 actions a central system may send that this simulator does not implement. */
    private static final Set<String> NOT_SUPPORTED = Set.of("CancelReservation", "ClearChargingProfile",
            "GetCompositeSchedule", "GetDiagnostics", "GetLocalListVersion", "ReserveNow", "SendLocalList",
            "SetChargingProfile", "UpdateFirmware", "CertificateSigned", "DeleteCertificate", "ExtendedTriggerMessage",
            "GetInstalledCertificateIds", "GetLog", "InstallCertificate", "SignedUpdateFirmware");

    private CentralSystemCalls() {
    }

    static Answer answer(ChargePoint charger, Frame.Call call, long receivedNanos) {
        ObjectNode request = call.payload();
        return switch (call.action()) {
            case "RemoteStartTransaction" -> remoteStart(charger, request, receivedNanos);
            case "RemoteStopTransaction" -> {
                JsonNode id = request.get("transactionId");
                if (id == null || !id.isIntegralNumber()) {
                    yield Answer.error("OccurenceConstraintViolation");
                }
                yield charger.remoteStop(id.asInt()) ? Answer.status("Accepted", null)
                        : Answer.status("Rejected", null);
            }
            case "Reset" -> {
                String type = request.path("type").asString("");
                if (!"Hard".equals(type) && !"Soft".equals(type)) {
                    yield Answer.error("PropertyConstraintViolation");
                }
                yield Answer.status("Accepted", () -> charger.reset(type));
            }
            case "ChangeAvailability" -> {
                int connector = request.path("connectorId").asInt(-1);
                String type = request.path("type").asString("");
                if (connector < 0 || connector > charger.connectors()) {
                    yield Answer.status("Rejected", null);
                }
                if (!"Operative".equals(type) && !"Inoperative".equals(type)) {
                    yield Answer.error("PropertyConstraintViolation");
                }
                yield Answer.status(charger.changeAvailability(connector, "Operative".equals(type)), null);
            }
            case "TriggerMessage" -> trigger(charger, request);
            case "GetConfiguration" -> getConfiguration(charger, request);
            case "ChangeConfiguration" -> changeConfiguration(charger, request);
            case "UnlockConnector" -> {
                int connector = request.path("connectorId").asInt(-1);
                if (connector < 1 || connector > charger.connectors()) {
                    yield Answer.status("NotSupported", null);
                }
                yield Answer.status("Unlocked", () -> charger.unlock(connector));
            }
            case "ClearCache" -> Answer.status("Accepted", null);
            case "DataTransfer" -> Answer.status("UnknownVendorId", null);
            default -> Answer.error(NOT_SUPPORTED.contains(call.action()) ? "NotSupported" : "NotImplemented");
        };
    }

    private static Answer remoteStart(ChargePoint charger, ObjectNode request, long receivedNanos) {
        String idTag = request.path("idTag").asString("");
        if (idTag.isEmpty()) {
            return Answer.error("OccurenceConstraintViolation");
        }
        int wanted = request.path("connectorId").asInt(0);
        int connector = charger.acceptsRemoteStart() ? charger.freeConnectorFor(wanted) : -1;
        if (connector < 0) {
            return Answer.status("Rejected", null);
        }
        return Answer.status("Accepted", () -> charger.remoteStart(connector, idTag, receivedNanos));
    }

    private static Answer trigger(ChargePoint charger, ObjectNode request) {
        int connector = request.has("connectorId") ? request.path("connectorId").asInt(-1) : -1;
        if (request.has("connectorId") && (connector < 0 || connector > charger.connectors())) {
            return Answer.status("Rejected", null);
        }
        return switch (request.path("requestedMessage").asString("")) {
            case "BootNotification" -> Answer.status("Accepted", charger::triggerBoot);
            case "Heartbeat" -> Answer.status("Accepted", charger::triggerHeartbeat);
            case "StatusNotification" -> Answer.status("Accepted", () -> charger.triggerStatus(connector));
            case "MeterValues" -> Answer.status("Accepted", () -> charger.triggerMeterValues(connector));
            case "DiagnosticsStatusNotification" -> Answer.status("Accepted",
                    () -> charger.triggerNotification("DiagnosticsStatusNotification"));
            case "FirmwareStatusNotification" -> Answer.status("Accepted",
                    () -> charger.triggerNotification("FirmwareStatusNotification"));
            default -> Answer.status("NotImplemented", null);
        };
    }

    private static Map<String, String[]> configuration(ChargePoint charger) {
        Map<String, String[]> keys = new LinkedHashMap<>();
        keys.put("HeartbeatInterval", new String[] {Integer.toString(charger.heartbeatSeconds()), "false"});
        keys.put("MeterValueSampleInterval", new String[] {Integer.toString(charger.meterSeconds()), "false"});
        keys.put("TransactionMessageAttempts",
                new String[] {Integer.toString(charger.transactionMessageAttempts()), "false"});
        keys.put("TransactionMessageRetryInterval",
                new String[] {Long.toString(charger.transactionMessageRetrySeconds()), "false"});
        keys.put("NumberOfConnectors", new String[] {Integer.toString(charger.connectors()), "true"});
        keys.put("AuthorizeRemoteTxRequests", new String[] {"false", "true"});
        keys.put("MeterValuesSampledData", new String[] {"Energy.Active.Import.Register", "true"});
        keys.put("SupportedFeatureProfiles", new String[] {"Core,RemoteTrigger", "true"});
        keys.put("WebSocketPingInterval", new String[] {"0", "true"});
        return keys;
    }

    private static Answer getConfiguration(ChargePoint charger, ObjectNode request) {
        Map<String, String[]> keys = configuration(charger);
        ObjectNode payload = FrameCodec.object();
        ArrayNode known = payload.putArray("configurationKey");
        JsonNode wanted = request.get("key");
        if (wanted == null || !wanted.isArray() || wanted.isEmpty()) {
            keys.forEach((key, value) -> addKey(known, key, value));
        } else {
            ArrayNode unknown = payload.putArray("unknownKey");
            for (JsonNode key : wanted) {
                String name = key.asString("");
                String[] value = keys.get(name);
                if (value == null) {
                    unknown.add(name);
                } else {
                    addKey(known, name, value);
                }
            }
            if (unknown.isEmpty()) {
                payload.remove("unknownKey");
            }
        }
        return new Answer(payload, null, null);
    }

    private static void addKey(ArrayNode known, String key, String[] value) {
        ObjectNode entry = known.addObject();
        entry.put("key", key);
        entry.put("readonly", Boolean.parseBoolean(value[1]));
        entry.put("value", value[0]);
    }

    private static Answer changeConfiguration(ChargePoint charger, ObjectNode request) {
        String key = request.path("key").asString("");
        String value = request.path("value").asString("");
        if ("AuthorizationKey".equals(key)) {
            return value.length() >= 16 ? Answer.status("Accepted", () -> charger.authorizationKey(value))
                    : Answer.status("Rejected", null);
        }
        Map<String, String[]> keys = configuration(charger);
        String[] current = keys.get(key);
        if (current == null) {
            return Answer.status("NotSupported", null);
        }
        if (Boolean.parseBoolean(current[1])) {
            return Answer.status("Rejected", null);
        }
        long number;
        try {
            number = Long.parseLong(value.trim());
        } catch (NumberFormatException ex) {
            return Answer.status("Rejected", null);
        }
        if (number < 0 || number > Integer.MAX_VALUE) {
            return Answer.status("Rejected", null);
        }
        return switch (key) {
            case "HeartbeatInterval" -> Answer.status("Accepted", () -> charger.heartbeatSeconds((int) number));
            case "MeterValueSampleInterval" -> Answer.status("Accepted", () -> charger.meterSeconds((int) number));
            case "TransactionMessageAttempts" -> number < 1 ? Answer.status("Rejected", null)
                    : Answer.status("Accepted", () -> charger.transactionMessageAttempts((int) number));
            case "TransactionMessageRetryInterval" -> Answer.status("Accepted",
                    () -> charger.transactionMessageRetrySeconds(number));
            default -> Answer.status("Rejected", null);
        };
    }
}
