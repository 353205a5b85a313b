package dev.chargestorm.sut.charging;

import dev.chargestorm.sut.ocpp.message.CentralSystemConfirmations.DataTransferConf;
import dev.chargestorm.sut.ocpp.message.ChargePointRequests.DataTransfer;
import dev.chargestorm.sut.ocpp.message.ChargePointRequests.DiagnosticsStatusNotification;
import dev.chargestorm.sut.ocpp.message.ChargePointRequests.FirmwareStatusNotification;
import dev.chargestorm.sut.ocpp.message.CoreEnums.DataTransferStatus;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** DataTransfer and the firmware and diagnostics notifications: stored as received. */
@Service
public class NotificationService {

	private final JdbcClient jdbc;

	NotificationService(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores a vendor-specific DataTransfer.
	 * @param chargePointId who sent it
	 * @param request the request
	 * @return Accepted: the data is kept for whoever knows the vendor's format
	 */
	public DataTransferConf dataTransfer(String chargePointId, DataTransfer request) {
		this.jdbc.sql("INSERT INTO data_transfer (charge_point_id, vendor_id, message_id, data) VALUES (?, ?, ?, ?)")
			.params(chargePointId, request.vendorId(), request.messageId(), request.data())
			.update();
		return new DataTransferConf(DataTransferStatus.Accepted, null);
	}

	/**
	 * Records a firmware status.
	 * @param chargePointId who sent it
	 * @param request the notification
	 */
	@Transactional
	public void firmwareStatus(String chargePointId, FirmwareStatusNotification request) {
		this.jdbc.sql("UPDATE charge_point SET firmware_status = ?, firmware_status_at = now() WHERE id = ?")
			.params(request.status().name(), chargePointId)
			.update();
		insert(chargePointId, "FirmwareStatusNotification", request.status().name());
	}

	/**
	 * Records a diagnostics upload status.
	 * @param chargePointId who sent it
	 * @param request the notification
	 */
	@Transactional
	public void diagnosticsStatus(String chargePointId, DiagnosticsStatusNotification request) {
		this.jdbc.sql("UPDATE charge_point SET diagnostics_status = ?, diagnostics_status_at = now() WHERE id = ?")
			.params(request.status().name(), chargePointId)
			.update();
		insert(chargePointId, "DiagnosticsStatusNotification", request.status().name());
	}

	private void insert(String chargePointId, String kind, String status) {
		this.jdbc.sql("INSERT INTO charge_point_notification (charge_point_id, kind, status) VALUES (?, ?, ?)")
			.params(chargePointId, kind, status)
			.update();
	}

}
