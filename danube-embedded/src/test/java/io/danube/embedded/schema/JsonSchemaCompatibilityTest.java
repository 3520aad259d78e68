package io.danube.embedded.schema;

import org.junit.jupiter.api.Test;

import static io.danube.embedded.schema.CompatibilityMode.BACKWARD;
import static io.danube.embedded.schema.CompatibilityMode.FORWARD;
import static io.danube.embedded.schema.CompatibilityMode.FULL;
import static io.danube.embedded.schema.CompatibilityMode.NONE;
import static org.assertj.core.api.Assertions.assertThat;

class JsonSchemaCompatibilityTest {

    private static final String NAME_REQUIRED = """
            {"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]}""";
    private static final String NAME_REQUIRED_AGE_OPTIONAL = """
            {"type": "object", "properties": {"name": {"type": "string"}, "age": {"type": "integer"}},
             "required": ["name"]}""";
    private static final String NAME_AND_AGE_REQUIRED = """
            {"type": "object", "properties": {"name": {"type": "string"}, "age": {"type": "integer"}},
             "required": ["name", "age"]}""";
    private static final String NAME_AS_NUMBER = """
            {"type": "object", "properties": {"name": {"type": "number"}}, "required": ["name"]}""";

    private static CompatibilityResult check(String oldSchema, String newSchema, CompatibilityMode mode) {
        return JsonSchemaCompatibility.check(oldSchema, newSchema, mode);
    }

    @Test
    void backwardRejectsRemovingARequiredProperty() {
        CompatibilityResult result = check(NAME_AND_AGE_REQUIRED, NAME_REQUIRED, BACKWARD);

        assertThat(result.compatible()).isFalse();
        assertThat(result.errors()).containsExactly("Backward incompatible: removed required field 'age'");
    }

    @Test
    void backwardRejectsMakingAnOptionalPropertyRequired() {
        CompatibilityResult result = check(NAME_REQUIRED_AGE_OPTIONAL, NAME_AND_AGE_REQUIRED, BACKWARD);

        assertThat(result.compatible()).isFalse();
        assertThat(result.errors()).containsExactly("Backward incompatible: made optional field 'age' required");
    }

    @Test
    void backwardAcceptsAddingAnOptionalProperty() {
        assertThat(check(NAME_REQUIRED, NAME_REQUIRED_AGE_OPTIONAL, BACKWARD).compatible()).isTrue();
    }

    @Test
    void backwardAcceptsAddingABrandNewRequiredProperty() {
        assertThat(check(NAME_REQUIRED, NAME_AND_AGE_REQUIRED, BACKWARD).compatible()).isTrue();
    }

    @Test
    void forwardRejectsAddingANewRequiredProperty() {
        CompatibilityResult result = check(NAME_REQUIRED, NAME_AND_AGE_REQUIRED, FORWARD);

        assertThat(result.compatible()).isFalse();
        assertThat(result.errors()).containsExactly("Forward incompatible: added new required field 'age'");
    }

    @Test
    void forwardAcceptsRemovingAProperty() {
        assertThat(check(NAME_AND_AGE_REQUIRED, NAME_REQUIRED, FORWARD).compatible()).isTrue();
    }

    @Test
    void forwardAcceptsMakingAnExistingPropertyRequired() {
        assertThat(check(NAME_REQUIRED_AGE_OPTIONAL, NAME_AND_AGE_REQUIRED, FORWARD).compatible()).isTrue();
    }

    @Test
    void fullAcceptsAddingAnOptionalProperty() {
        assertThat(check(NAME_REQUIRED, NAME_REQUIRED_AGE_OPTIONAL, FULL).compatible()).isTrue();
    }

    @Test
    void fullRejectsAddingARequiredProperty() {
        CompatibilityResult result = check(NAME_REQUIRED, NAME_AND_AGE_REQUIRED, FULL);

        assertThat(result.compatible()).isFalse();
        assertThat(result.errors()).containsExactly("Forward incompatible: added new required field 'age'");
    }

    @Test
    void fullRejectsRemovingARequiredProperty() {
        assertThat(check(NAME_AND_AGE_REQUIRED, NAME_REQUIRED, FULL).compatible()).isFalse();
    }

    @Test
    void changingThePropertyTypeIsIncompatibleInBothDirections() {
        assertThat(check(NAME_REQUIRED, NAME_AS_NUMBER, BACKWARD).errors())
                .containsExactly("Backward incompatible: changed type of field 'name' from \"string\" to \"number\"");
        assertThat(check(NAME_REQUIRED, NAME_AS_NUMBER, FORWARD).errors())
                .containsExactly("Forward incompatible: changed type of field 'name' from \"string\" to \"number\"");
    }

    @Test
    void noneAcceptsEverything() {
        assertThat(check(NAME_AND_AGE_REQUIRED, NAME_AS_NUMBER, NONE).compatible()).isTrue();
    }
}
