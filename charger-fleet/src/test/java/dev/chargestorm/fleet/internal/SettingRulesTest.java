package dev.chargestorm.fleet.internal;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class SettingRulesTest {

    @Test
    void aValueInsideItsRulePasses() {
        assertThatNoException().isThrownBy(() -> {
            SettingRules.atLeast("chargers", 1, 1);
            SettingRules.atLeast("rampPerSecond", 0.0, 0);
            SettingRules.positive("callTimeout", Duration.ofMillis(1));
            SettingRules.notNegative("fixed delay", Duration.ZERO);
        });
    }

    @Test
    void aBrokenRuleNamesTheSettingTheRuleAndTheValue() {
        assertThatIllegalArgumentException().isThrownBy(() -> SettingRules.atLeast("chargers", 0, 1))
                .withMessage("chargers must be at least 1 but was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> SettingRules.atLeast("rampPerSecond", -0.5, 0))
                .withMessage("rampPerSecond must be at least 0.0 but was -0.5");
        assertThatIllegalArgumentException().isThrownBy(() -> SettingRules.positive("callTimeout", Duration.ZERO))
                .withMessage("callTimeout must be positive but was PT0S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SettingRules.notNegative("fixed delay", Duration.ofMillis(-1)))
                .withMessage("fixed delay must not be negative but was PT-0.001S");
    }
}
