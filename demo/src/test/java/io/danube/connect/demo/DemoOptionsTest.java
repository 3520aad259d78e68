package io.danube.connect.demo;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoOptionsTest {

    @Test
    void withoutArgumentsTheDemoRunsUntilStoppedAtTenReadingsASecondAgainstTheLocalServices() {
        DemoOptions options = DemoOptions.parse();

        assertThat(options.duration()).isEmpty();
        assertThat(options.rate()).isEqualTo(10.0);
        assertThat(options.standIns()).isFalse();
        assertThat(options.keepTable()).isFalse();
    }

    @Test
    void everyOptionIsRead() {
        DemoOptions options = DemoOptions.parse("--duration", "20", "--rate", "2.5", "--standins", "--keep-table");

        assertThat(options.duration()).contains(Duration.ofSeconds(20));
        assertThat(options.rate()).isEqualTo(2.5);
        assertThat(options.standIns()).isTrue();
        assertThat(options.keepTable()).isTrue();
    }

    @Test
    void anUnknownOptionIsNamed() {
        assertThatThrownBy(() -> DemoOptions.parse("--fast")).hasMessage("unknown option '--fast'");
    }

    @Test
    void anOptionWithoutItsValueIsNamed() {
        assertThatThrownBy(() -> DemoOptions.parse("--duration")).hasMessage("option --duration needs a value");
    }

    @Test
    void aDurationThatIsNotAWholeNumberIsRejected() {
        assertThatThrownBy(() -> DemoOptions.parse("--duration", "20s"))
                .hasMessage("--duration must be a whole number of seconds, got '20s'");
    }

    @Test
    void aZeroDurationIsRejected() {
        assertThatThrownBy(() -> DemoOptions.parse("--duration", "0"))
                .hasMessageContaining("--duration must be at least 1 second");
    }

    @Test
    void aRateOutsideItsRangeIsRejected() {
        assertThatThrownBy(() -> DemoOptions.parse("--rate", "0")).hasMessageContaining("--rate must be above 0");
        assertThatThrownBy(() -> DemoOptions.parse("--rate", "5000")).hasMessageContaining("at most 1000");
    }
}
