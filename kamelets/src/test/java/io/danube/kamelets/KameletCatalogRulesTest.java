package io.danube.kamelets;

import com.fasterxml.jackson.databind.JsonNode;
import io.danube.kamelets.Kamelets.Kamelet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every shipped Kamelet passes each rule of the Apache Camel Kamelet catalog, one rule per test. */
class KameletCatalogRulesTest {

    private static JsonNode componentJson;

    @BeforeAll
    static void loadComponentJson() {
        componentJson = Kamelets.danubeComponentJson();
    }

    static Stream<Kamelet> kamelets() {
        return Kamelets.all();
    }

    @Test
    void classpathDirectoryHoldsExactlyTheShippedKamelets() throws IOException {
        try (Stream<Path> files = Files.list(Kamelets.classpathDirectory())) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("danube-sink.kamelet.yaml", "danube-source.kamelet.yaml");
        }
    }

    @ParameterizedTest
    @MethodSource("kamelets")
    void fileNameMatchesMetadataName(Kamelet kamelet) {
        assertThat(KameletRules.name(kamelet)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("kamelets")
    void typeLabelMatchesNameSuffix(Kamelet kamelet) {
        assertThat(KameletRules.typeLabel(kamelet)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("kamelets")
    void definitionHasTitleDescriptionAndObjectType(Kamelet kamelet) {
        assertThat(KameletRules.definitionHeader(kamelet)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("kamelets")
    void everyPropertyHasTypeTitleAndDescription(Kamelet kamelet) {
        assertThat(KameletRules.propertyFields(kamelet)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("kamelets")
    void defaultsMatchTheirTypeAndEnumeration(Kamelet kamelet) {
        assertThat(KameletRules.propertyDefaults(kamelet)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("kamelets")
    void requiredPropertiesAreDefinedOnce(Kamelet kamelet) {
        assertThat(kamelet.definition().path("required")).isNotEmpty();
        assertThat(KameletRules.required(kamelet)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("kamelets")
    void passwordPropertiesCarryTheCredentialsDescriptor(Kamelet kamelet) {
        assertThat(kamelet.definition().path("properties").path("token").path("format").asText())
                .isEqualTo("password");
        assertThat(KameletRules.credentials(kamelet)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("kamelets")
    void titlesAndDescriptionsAreUnique(Kamelet kamelet) {
        assertThat(KameletRules.uniqueTitlesAndDescriptions(kamelet)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("kamelets")
    void everyDeclaredPropertyIsUsed(Kamelet kamelet) {
        assertThat(KameletRules.everyPropertyUsed(kamelet)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("kamelets")
    void everyPlaceholderIsDeclared(Kamelet kamelet) {
        assertThat(KameletRules.everyPlaceholderDeclared(kamelet)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("kamelets")
    void templateHasTheKameletShapeOfItsType(Kamelet kamelet) {
        assertThat(KameletRules.templateShape(kamelet)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("kamelets")
    void dependenciesUseAcceptedPrefixes(Kamelet kamelet) {
        assertThat(KameletRules.dependencies(kamelet)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("kamelets")
    void annotationsAreCompleteAndVersionsConsistent(Kamelet kamelet) {
        assertThat(KameletRules.annotations(kamelet, System.getProperty("danube.kamelets.version"))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("kamelets")
    void danubeParametersAreOptionsOfTheGeneratedComponentJson(Kamelet kamelet) {
        assertThat(KameletRules.danubeOptions(kamelet, componentJson)).isEmpty();
    }
}
