package dev.chargestorm.sut.charging;

import java.util.UUID;

import dev.chargestorm.sut.ocpp.message.CoreEnums.AuthorizationStatus;
import dev.chargestorm.sut.support.LongLivedCacheIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hardened central system loads every id tag at once, so an Authorize costs no query even for
 * a tag this node has never seen; a tag blocked elsewhere is seen at the next reload.
 */
class IdTagCacheTest extends LongLivedCacheIntegrationTest {

	@Autowired
	private IdTagService idTags;

	@Test
	void aReloadLoadsTagsThisNodeNeverLookedUp() {
		// GIVEN a tag this node has not authorised yet
		String tag = "T-" + UUID.randomUUID().toString().substring(0, 8);
		this.jdbc.update("INSERT INTO id_tag (id_tag, status) VALUES (?, 'Accepted')", tag);

		// WHEN
		this.idTags.reloadCache();

		// THEN it is answered from memory, even once blocked in the database
		this.jdbc.update("UPDATE id_tag SET status = 'Blocked' WHERE id_tag = ?", tag);
		assertThat(this.idTags.authorize(tag).status()).isEqualTo(AuthorizationStatus.Accepted);
		// and the block is seen at the next reload
		this.idTags.reloadCache();
		assertThat(this.idTags.authorize(tag).status()).isEqualTo(AuthorizationStatus.Blocked);
	}

}
