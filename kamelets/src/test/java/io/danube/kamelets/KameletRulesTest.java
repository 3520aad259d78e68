package io.danube.kamelets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.danube.kamelets.Kamelets.Kamelet;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each rule rejects a Kamelet broken in the way it guards against, so a passing rule means something. */
class KameletRulesTest {

    private final Kamelet sink = Kamelets.load("danube-sink").copy();
    private final Kamelet source = Kamelets.load("danube-source").copy();

    @Test
    void nameRuleRejectsAFileNamedDifferently() {
        Kamelet renamed = new Kamelet("danube-out.kamelet.yaml", sink.document());
        assertThat(KameletRules.name(renamed)).singleElement().asString().contains("danube-out.kamelet.yaml");
    }

    @Test
    void typeLabelRuleRejectsAMismatchedSuffix() {
        labels(sink).put("camel.apache.org/kamelet.type", "source");
        assertThat(KameletRules.typeLabel(sink)).singleElement().asString().contains("-source");
    }

    @Test
    void definitionRuleRejectsATitleWithoutTheTypeSuffix() {
        definition(source).put("title", "Danube Consumer");
        assertThat(KameletRules.definitionHeader(source)).singleElement().asString().contains("Source");
    }

    @Test
    void propertyRuleRejectsTitlesStartingWithAnArticleOrLowerCase() {
        property(sink, "topic").put("title", "The Topic");
        property(sink, "partitions").put("title", "number of partitions");
        property(sink, "producerName").remove("type");
        assertThat(KameletRules.propertyFields(sink)).hasSize(3);
    }

    @Test
    void defaultsRuleRejectsAStringDefaultOnAnIntegerAndAnUnknownEnumValue() {
        property(source, "prefetch").put("default", "100");
        property(source, "subscriptionType").put("default", "Broadcast");
        assertThat(KameletRules.propertyDefaults(source)).hasSize(2);
    }

    @Test
    void requiredRuleRejectsUndefinedAndRepeatedEntries() {
        ((ArrayNode) definition(source).get("required")).add("subscription").add("namespace");
        assertThat(KameletRules.required(source)).hasSize(2);
    }

    @Test
    void credentialsRuleRejectsAPasswordWithoutTheDescriptor() {
        property(sink, "token").remove("x-descriptors");
        assertThat(KameletRules.credentials(sink)).singleElement().asString().startsWith("token");
    }

    @Test
    void uniquenessRuleRejectsARepeatedDescription() {
        property(sink, "tlsCaFile").put("description", property(sink, "token").get("description").asText());
        assertThat(KameletRules.uniqueTitlesAndDescriptions(sink)).singleElement().asString().contains("description");
    }

    @Test
    void usageRuleRejectsAPropertyTheTemplateIgnores() {
        ((ObjectNode) definition(sink).get("properties")).putObject("compression")
                .put("title", "Compression").put("description", "Unused.").put("type", "string");
        assertThat(KameletRules.everyPropertyUsed(sink)).singleElement().asString().startsWith("compression");
    }

    @Test
    void placeholderRuleRejectsAnUndeclaredPlaceholder() {
        fromParameters(source).put("keyFilters", "{{?keyFilters}}");
        assertThat(KameletRules.everyPlaceholderDeclared(source)).singleElement().asString().contains("keyFilters");
    }

    @Test
    void shapeRuleRejectsASourceThatDoesNotEndAtKameletSink() {
        ArrayNode steps = (ArrayNode) source.template().path("from").get("steps");
        steps.removeAll().addObject().put("to", "log:danube");
        assertThat(KameletRules.templateShape(source)).singleElement().asString().contains("kamelet:sink");
    }

    @Test
    void shapeRuleRejectsASinkThatDoesNotStartFromKameletSource() {
        ((ObjectNode) sink.template().get("from")).put("uri", "direct:in");
        assertThat(KameletRules.templateShape(sink)).singleElement().asString().contains("kamelet:source");
    }

    @Test
    void dependencyRuleRejectsAnUnknownScheme() {
        ((ArrayNode) sink.document().path("spec").get("dependencies")).add("github:someone/danube");
        assertThat(KameletRules.dependencies(sink)).singleElement().asString().contains("github:someone");
    }

    @Test
    void annotationRuleRejectsAVersionOtherThanTheProjects() {
        assertThat(KameletRules.annotations(sink, "9.9.9")).hasSize(2);
    }

    @Test
    void optionRuleRejectsAParameterTheComponentDoesNotHave() {
        fromParameters(source).put("subscriptionMode", "Durable");
        assertThat(KameletRules.danubeOptions(source, Kamelets.danubeComponentJson()))
                .singleElement().asString().contains("subscriptionMode");
    }

    @Test
    void optionRuleRejectsAnEnumValueTheComponentDoesNotAccept() {
        ((ArrayNode) property(sink, "dispatchStrategy").get("enum")).add("AtLeastOnce");
        assertThat(KameletRules.danubeOptions(sink, Kamelets.danubeComponentJson()))
                .singleElement().asString().contains("AtLeastOnce");
    }

    private static ObjectNode labels(Kamelet kamelet) {
        return (ObjectNode) kamelet.document().path("metadata").get("labels");
    }

    private static ObjectNode definition(Kamelet kamelet) {
        return (ObjectNode) kamelet.definition();
    }

    private static ObjectNode property(Kamelet kamelet, String name) {
        return (ObjectNode) kamelet.definition().path("properties").get(name);
    }

    private static ObjectNode fromParameters(Kamelet kamelet) {
        JsonNode parameters = kamelet.template().path("from").get("parameters");
        return (ObjectNode) parameters;
    }
}
