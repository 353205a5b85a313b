package dev.chargestorm.fleet.persona;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class PersonaTest {

    private static final int DRAWS = 20_000;

    @Test
    void immediateRedialsAtOnce() {
        ReconnectStrategy strategy = Personas.parse("immediate").reconnect();
        SplittableRandom random = new SplittableRandom(1);
        for (int attempt = 0; attempt < 50; attempt++) {
            assertThat(strategy.delay(attempt, random)).isZero();
        }
    }

    @Test
    void fixedWaitsTheSameEveryTime() {
        ReconnectStrategy strategy = Personas.parse("fixed:1s").reconnect();
        assertThat(strategy.delay(0, new SplittableRandom(1))).isEqualTo(Duration.ofSeconds(1));
        assertThat(strategy.delay(9, new SplittableRandom(1))).isEqualTo(Duration.ofSeconds(1));
        assertThat(Personas.parse("fixed").reconnect().delay(0, new SplittableRandom(1)))
                .isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void exponentialDoublesWithoutJitterUpToItsCap() {
        ReconnectStrategy strategy = Personas.parse("exponential:1s/60s").reconnect();
        SplittableRandom random = new SplittableRandom(1);
        long[] seconds = new long[8];
        for (int attempt = 0; attempt < seconds.length; attempt++) {
            seconds[attempt] = strategy.delay(attempt, random).toSeconds();
        }
        assertThat(seconds).containsExactly(1, 2, 4, 8, 16, 32, 60, 60);
    }

    @Test
    void fullJitterSpreadsEvenlyOverTheWindow() {
        // GIVEN the fourth redial of backoff-jitter:1s/60s: a window of 8 s
        ReconnectStrategy strategy = Personas.parse("backoff-jitter:1s/60s").reconnect();
        SplittableRandom random = new SplittableRandom(42);
        // WHEN many chargers draw their delay
        long[] millis = new long[DRAWS];
        int[] buckets = new int[8];
        for (int i = 0; i < DRAWS; i++) {
            millis[i] = strategy.delay(3, random).toMillis();
            buckets[(int) (millis[i] / 1000)]++;
        }
        // THEN every delay lies in [0, 8 s), the mean is half the window, and each second holds about an eighth
        assertThat(Arrays.stream(millis).min().orElseThrow()).isGreaterThanOrEqualTo(0).isLessThan(100);
        assertThat(Arrays.stream(millis).max().orElseThrow()).isLessThan(8000).isGreaterThan(7900);
        assertThat(Arrays.stream(millis).average().orElseThrow()).isCloseTo(4000, within(120.0));
        for (int bucket : buckets) {
            assertThat(bucket).isBetween(DRAWS / 8 * 90 / 100, DRAWS / 8 * 110 / 100);
        }
    }

    @Test
    void retryBackOffFollowsOcpp201() {
        // WaitMinimum 3 s + rand(0..10 s), doubling up to 3 times, then constant
        ReconnectStrategy strategy = Personas.parse("retry-backoff:3s/10s/3").reconnect();
        SplittableRandom random = new SplittableRandom(7);
        long[][] range = {{3000, 13000}, {6000, 16000}, {12000, 22000}, {24000, 34000}, {24000, 34000}};
        for (int attempt = 0; attempt < range.length; attempt++) {
            long min = Long.MAX_VALUE;
            long max = 0;
            for (int i = 0; i < DRAWS; i++) {
                long delay = strategy.delay(attempt, random).toMillis();
                min = Math.min(min, delay);
                max = Math.max(max, delay);
            }
            assertThat(min).as("attempt %d shortest", attempt).isBetween(range[attempt][0], range[attempt][0] + 50);
            assertThat(max).as("attempt %d longest", attempt).isBetween(range[attempt][1] - 50, range[attempt][1]);
        }
    }

    @Test
    void traitsCombine() {
        Persona persona = Personas.parse("retry-backoff+ignore-pending+status-every-connect");
        assertThat(persona.reconnect()).isEqualTo(new ReconnectStrategy.RetryBackOff(Duration.ofSeconds(3),
                Duration.ofSeconds(10), 3));
        assertThat(persona.ignoresPending()).isTrue();
        assertThat(persona.postConnect()).isEqualTo(PostConnect.STATUS_EVERY_CONNECT);
        assertThat(persona.name()).isEqualTo("retry-backoff:3s/10s/3+ignore-pending+status-every-connect");
        assertThat(Personas.parse("boot-every-connect").reconnect()).isEqualTo(new ReconnectStrategy.Immediate());
        Persona offline = Personas.parse("backoff-jitter:5s/120s+offline-start");
        assertThat(offline.startsOffline()).isTrue();
        assertThat(offline.name()).isEqualTo("backoff-jitter:5s/120s+offline-start");
        assertThat(Personas.parse(offline.name())).isEqualTo(offline);
        assertThat(Persona.immediate().startsOffline()).isFalse();
    }

    @Test
    void badPersonasSayWhatIsAccepted() {
        assertThatIllegalArgumentException().isThrownBy(() -> Personas.parse("eager"))
                .withMessage("unknown persona trait 'eager' in 'eager'; expected immediate, fixed[:30s], "
                        + "exponential[:1s/120s], backoff-jitter[:1s/60s], retry-backoff[:3s/10s/3], ignore-pending, "
                        + "honour-retry-after, reconnect-on-timeout, boot-every-connect, status-every-connect or "
                        + "offline-start, joined by '+'");
        assertThatIllegalArgumentException().isThrownBy(() -> Personas.parse("fixed:soon"))
                .withMessage("expected a duration such as 500ms, 30s, 5m or 1h but was 'soon'");
        assertThatIllegalArgumentException().isThrownBy(() -> Personas.parse("immediate+fixed:1s"))
                .withMessage("persona 'immediate+fixed:1s' has two redial traits (immediate and fixed:1s); give one");
        assertThatIllegalArgumentException().isThrownBy(() -> PersonaMix.parse("immediate=lots"))
                .withMessage("persona entry 'immediate=lots': expected a ratio such as 0.3 after '=' but was 'lots'");
        assertThatIllegalArgumentException().isThrownBy(() -> PersonaMix.parse("immediate=-1"))
                .withMessage("persona 'immediate' needs a positive ratio but was -1.0");
    }

    @Test
    void aRedialStrategyParsesAloneAndRefusesOtherTraits() {
        assertThat(Personas.parseRedial(" backoff-jitter:2s/30s ")).isEqualTo(new ReconnectStrategy.FullJitter(
                Duration.ofSeconds(2), Duration.ofSeconds(30)));
        assertThat(Personas.parseRedial("retry-backoff").describe()).isEqualTo("retry-backoff:3s/10s/3");
        assertThatIllegalArgumentException().isThrownBy(() -> Personas.parseRedial("ignore-pending"))
                .withMessage("unknown redial strategy 'ignore-pending'; expected immediate, fixed[:30s], "
                        + "exponential[:1s/120s], backoff-jitter[:1s/60s] or retry-backoff[:3s/10s/3]");
        assertThatIllegalArgumentException().isThrownBy(() -> Personas.parseRedial("retry-backoff:3s/10s/often"))
                .withMessage("persona trait 'retry-backoff:3s/10s/often': expected a whole number but was "
                        + "'For input string: \"often\"'");
    }

    @Test
    void redialSettingsOutsideTheirRulesNameTheSettingAndTheRule() {
        assertThatIllegalArgumentException().isThrownBy(() -> Personas.parse("exponential:0s/60s"))
                .withMessage("exponential base must be positive but was PT0S");
        assertThatIllegalArgumentException().isThrownBy(() -> Personas.parse("backoff-jitter:1s/0ms"))
                .withMessage("backoff-jitter cap must be positive but was PT0S");
        assertThatIllegalArgumentException().isThrownBy(() -> new ReconnectStrategy.Fixed(Duration.ofSeconds(-1)))
                .withMessage("fixed delay must not be negative but was PT-1S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ReconnectStrategy.RetryBackOff(Duration.ZERO, Duration.ofMillis(-5), 3))
                .withMessage("RetryBackOffRandomRange must not be negative but was PT-0.005S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ReconnectStrategy.RetryBackOff(Duration.ZERO, Duration.ZERO, -1))
                .withMessage("RetryBackOffRepeatTimes must be at least 0 but was -1");
    }

    @Test
    void aMixGivesExactSharesSpreadBySeed() {
        PersonaMix mix = PersonaMix.parse("immediate=0.7,backoff-jitter=0.3");
        Persona[] personas = mix.assign(1000, 5);
        Map<String, Long> counts = Arrays.stream(personas)
                .collect(Collectors.groupingBy(Persona::name, Collectors.counting()));
        assertThat(counts).containsEntry("immediate", 700L).containsEntry("backoff-jitter:1s/60s", 300L);
        // spread over the ids, not in blocks: the first hundred hold both
        assertThat(Arrays.stream(personas, 0, 100).map(Persona::name).distinct()).hasSize(2);
        assertThat(mix.assign(1000, 5)).containsExactly(personas);
        assertThat(mix.assign(1000, 6)).isNotEqualTo(personas);
        Map<String, Long> odd = Arrays.stream(PersonaMix.parse("immediate,fixed:1s,fixed:30s").assign(10, 1))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
                .entrySet().stream().collect(Collectors.toMap(e -> e.getKey().name(), Map.Entry::getValue));
        assertThat(odd.values()).containsExactlyInAnyOrder(4L, 3L, 3L);
    }
}
