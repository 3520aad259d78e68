package io.danube.embedded.schema;

import org.junit.jupiter.api.Test;

import static io.danube.embedded.schema.CompatibilityMode.BACKWARD;
import static io.danube.embedded.schema.CompatibilityMode.FORWARD;
import static io.danube.embedded.schema.CompatibilityMode.FULL;
import static io.danube.embedded.schema.CompatibilityMode.NONE;
import static org.assertj.core.api.Assertions.assertThat;

class AvroCompatibilityTest {

    private static String record(String name, String fields) {
        return "{\"type\":\"record\",\"name\":\"" + name + "\",\"fields\":[" + fields + "]}";
    }

    private static final String NAME = "{\"name\":\"name\",\"type\":\"string\"}";
    private static final String AGE = "{\"name\":\"age\",\"type\":\"int\"}";
    private static final String AGE_WITH_DEFAULT = "{\"name\":\"age\",\"type\":\"int\",\"default\":0}";
    private static final String NULLABLE_AGE = "{\"name\":\"age\",\"type\":[\"null\",\"int\"]}";

    private static CompatibilityResult check(String oldSchema, String newSchema, CompatibilityMode mode) {
        return AvroCompatibility.check(oldSchema, newSchema, mode);
    }

    @Test
    void backwardAcceptsANewFieldWithADefault() {
        assertThat(check(record("User", NAME), record("User", NAME + "," + AGE_WITH_DEFAULT), BACKWARD)
                .compatible()).isTrue();
    }

    @Test
    void backwardRejectsANewFieldWithoutADefault() {
        CompatibilityResult result = check(record("User", NAME), record("User", NAME + "," + AGE), BACKWARD);

        assertThat(result.compatible()).isFalse();
        assertThat(result.errors()).singleElement().asString()
                .contains("Backward", "field 'age'", "no default");
    }

    @Test
    void backwardAcceptsANewNullableUnionFieldWithoutADefault() {
        assertThat(check(record("User", NAME), record("User", NAME + "," + NULLABLE_AGE), BACKWARD)
                .compatible()).isTrue();
    }

    @Test
    void backwardAcceptsARemovedField() {
        assertThat(check(record("User", NAME + "," + AGE), record("User", NAME), BACKWARD).compatible()).isTrue();
    }

    @Test
    void forwardRejectsRemovingAFieldTheOldSchemaNeedsWithoutDefault() {
        CompatibilityResult result = check(record("User", NAME + "," + AGE), record("User", NAME), FORWARD);

        assertThat(result.compatible()).isFalse();
        assertThat(result.errors()).singleElement().asString().contains("Forward", "field 'age'");
    }

    @Test
    void forwardAcceptsANewFieldWithoutADefault() {
        assertThat(check(record("User", NAME), record("User", NAME + "," + AGE), FORWARD).compatible()).isTrue();
    }

    @Test
    void fullRejectsANewFieldWithoutADefault() {
        assertThat(check(record("User", NAME), record("User", NAME + "," + AGE), FULL).compatible()).isFalse();
    }

    @Test
    void fullRejectsRemovingAFieldWithoutADefault() {
        assertThat(check(record("User", NAME + "," + AGE), record("User", NAME), FULL).compatible()).isFalse();
    }

    @Test
    void fullAcceptsANewFieldWithADefault() {
        assertThat(check(record("User", NAME), record("User", NAME + "," + AGE_WITH_DEFAULT), FULL)
                .compatible()).isTrue();
    }

    @Test
    void aRecordNameChangeIsIncompatible() {
        CompatibilityResult result = check(record("User", NAME), record("Person", NAME), BACKWARD);

        assertThat(result.compatible()).isFalse();
        assertThat(result.errors()).singleElement().asString().contains("record name changed", "'User'", "'Person'");
    }

    @Test
    void fieldTypesInsideRecordsAreNotCompared() {
        String ageAsString = "{\"name\":\"age\",\"type\":\"string\"}";

        assertThat(check(record("User", AGE), record("User", ageAsString), FULL).compatible()).isTrue();
    }

    @Test
    void backwardAcceptsTheNumericPromotions() {
        assertThat(check("\"int\"", "\"long\"", BACKWARD).compatible()).isTrue();
        assertThat(check("\"int\"", "\"double\"", BACKWARD).compatible()).isTrue();
        assertThat(check("\"long\"", "\"double\"", BACKWARD).compatible()).isTrue();
        assertThat(check("\"float\"", "\"double\"", BACKWARD).compatible()).isTrue();
    }

    @Test
    void backwardRejectsNarrowingAndUnlistedPromotions() {
        assertThat(check("\"long\"", "\"int\"", BACKWARD).compatible()).isFalse();
        assertThat(check("\"int\"", "\"float\"", BACKWARD).compatible()).isFalse();
        assertThat(check("\"double\"", "\"float\"", BACKWARD).compatible()).isFalse();
    }

    @Test
    void forwardRejectsAWideningBecauseTheOldReaderIsNarrower() {
        assertThat(check("\"int\"", "\"long\"", FORWARD).compatible()).isFalse();
    }

    @Test
    void stringAndBytesPromoteBothWays() {
        assertThat(check("\"string\"", "\"bytes\"", FULL).compatible()).isTrue();
    }

    @Test
    void anythingInvolvingAUnionIsCompatible() {
        assertThat(check("\"string\"", "[\"null\",\"int\"]", FULL).compatible()).isTrue();
        assertThat(check("[\"null\",\"int\"]", "\"boolean\"", FULL).compatible()).isTrue();
    }

    @Test
    void arrayItemsAndMapValuesAreComparedRecursively() {
        String intArray = "{\"type\":\"array\",\"items\":\"int\"}";
        String longArray = "{\"type\":\"array\",\"items\":\"long\"}";
        String stringMap = "{\"type\":\"map\",\"values\":\"string\"}";
        String booleanMap = "{\"type\":\"map\",\"values\":\"boolean\"}";

        assertThat(check(intArray, longArray, BACKWARD).compatible()).isTrue();
        assertThat(check(longArray, intArray, BACKWARD).compatible()).isFalse();
        assertThat(check(stringMap, booleanMap, BACKWARD).compatible()).isFalse();
    }

    @Test
    void noneAcceptsEverything() {
        assertThat(check(record("User", NAME), record("Person", AGE), NONE).compatible()).isTrue();
    }
}
