package io.danube.kamelets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.danube.kamelets.Kamelets.Kamelet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules the Apache Camel Kamelet catalog enforces (its Go validator and the kamelets-maven-plugin option check),
 * one method per rule. Each returns the violations it finds, empty when the Kamelet complies.
 */
final class KameletRules {

    static final Set<String> TYPES = Set.of("source", "sink", "action");
    static final Set<String> PROPERTY_TYPES = Set.of("string", "integer", "number", "boolean", "array", "object");
    static final String CREDENTIALS = "urn:camel:group:credentials";
    static final String DANUBE_ARTIFACT = "mvn:io.danube.connect:camel-danube:";

    /** {@code {{name}}}, {@code {{?name}}} and {@code {{name:default}}}. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\??([^}:]+)(?::[^}]*)?}}");
    private static final Pattern CAPITALISED_WORDS = Pattern.compile("[A-Z0-9][A-Za-z0-9]*( [A-Z0-9][A-Za-z0-9]*)*");
    private static final Set<String> ARTICLES = Set.of("The", "A", "An");

    private KameletRules() {
    }

    static List<String> name(Kamelet kamelet) {
        List<String> violations = new ArrayList<>();
        if (!kamelet.fileName().equals(kamelet.name() + ".kamelet.yaml")) {
            violations.add("file " + kamelet.fileName() + " does not match metadata.name " + kamelet.name());
        }
        if (!"camel.apache.org/v1".equals(kamelet.document().path("apiVersion").asText())
                || !"Kamelet".equals(kamelet.document().path("kind").asText())) {
            violations.add("not a camel.apache.org/v1 Kamelet");
        }
        return violations;
    }

    static List<String> typeLabel(Kamelet kamelet) {
        String type = kamelet.type();
        if (!TYPES.contains(type)) {
            return List.of("kamelet.type label is '" + type + "', not one of " + TYPES);
        }
        if (!kamelet.name().endsWith("-" + type)) {
            return List.of("name " + kamelet.name() + " does not end with -" + type);
        }
        return List.of();
    }

    static List<String> definitionHeader(Kamelet kamelet) {
        List<String> violations = new ArrayList<>();
        JsonNode definition = kamelet.definition();
        String title = definition.path("title").asText("");
        String expectedSuffix = capitalise(kamelet.type());
        if (!title.endsWith(" " + expectedSuffix)) {
            violations.add("title '" + title + "' does not end with " + expectedSuffix);
        }
        if (definition.path("description").asText("").isBlank()) {
            violations.add("definition has no description");
        }
        if (!"object".equals(definition.path("type").asText())) {
            violations.add("definition type is not object");
        }
        return violations;
    }

    static List<String> propertyFields(Kamelet kamelet) {
        List<String> violations = new ArrayList<>();
        forEachProperty(kamelet, (name, property) -> {
            if (!PROPERTY_TYPES.contains(property.path("type").asText())) {
                violations.add(name + ": missing or unknown type");
            }
            if (property.path("description").asText("").isBlank()) {
                violations.add(name + ": no description");
            }
            String title = property.path("title").asText("");
            if (!CAPITALISED_WORDS.matcher(title).matches()) {
                violations.add(name + ": title '" + title + "' is not capitalised words");
            } else if (ARTICLES.contains(title.split(" ")[0])) {
                violations.add(name + ": title '" + title + "' starts with an article");
            }
        });
        return violations;
    }

    /** Defaults have the property's type and enumerations contain their default. */
    static List<String> propertyDefaults(Kamelet kamelet) {
        List<String> violations = new ArrayList<>();
        forEachProperty(kamelet, (name, property) -> {
            JsonNode value = property.get("default");
            if (value == null) {
                return;
            }
            boolean typed = switch (property.path("type").asText()) {
                case "string" -> value.isTextual();
                case "integer" -> value.isIntegralNumber();
                case "number" -> value.isNumber();
                case "boolean" -> value.isBoolean();
                default -> true;
            };
            if (!typed) {
                violations.add(name + ": default " + value + " is not a " + property.path("type").asText());
            }
            JsonNode choices = property.get("enum");
            if (choices != null && !contains(choices, value)) {
                violations.add(name + ": default " + value + " is not one of " + choices);
            }
        });
        return violations;
    }

    static List<String> required(Kamelet kamelet) {
        List<String> violations = new ArrayList<>();
        JsonNode properties = kamelet.definition().path("properties");
        Set<String> seen = new HashSet<>();
        for (JsonNode entry : kamelet.definition().path("required")) {
            String name = entry.asText();
            if (!seen.add(name)) {
                violations.add("required lists " + name + " twice");
            }
            if (!properties.has(name)) {
                violations.add("required " + name + " is not a property");
            }
        }
        return violations;
    }

    static List<String> credentials(Kamelet kamelet) {
        List<String> violations = new ArrayList<>();
        forEachProperty(kamelet, (name, property) -> {
            if ("password".equals(property.path("format").asText())
                    && !contains(property.path("x-descriptors"), TextNode.valueOf(CREDENTIALS))) {
                violations.add(name + ": password without the " + CREDENTIALS + " descriptor");
            }
        });
        return violations;
    }

    static List<String> uniqueTitlesAndDescriptions(Kamelet kamelet) {
        List<String> violations = new ArrayList<>();
        Map<String, String> titles = new HashMap<>();
        Map<String, String> descriptions = new HashMap<>();
        forEachProperty(kamelet, (name, property) -> {
            String title = titles.putIfAbsent(property.path("title").asText(), name);
            if (title != null) {
                violations.add(name + " and " + title + " share a title");
            }
            String description = descriptions.putIfAbsent(property.path("description").asText(), name);
            if (description != null) {
                violations.add(name + " and " + description + " share a description");
            }
        });
        return violations;
    }

    static List<String> everyPropertyUsed(Kamelet kamelet) {
        Set<String> used = placeholders(kamelet.template());
        List<String> violations = new ArrayList<>();
        forEachProperty(kamelet, (name, property) -> {
            if (!used.contains(name)) {
                violations.add(name + " is declared but not used in the template");
            }
        });
        return violations;
    }

    static List<String> everyPlaceholderDeclared(Kamelet kamelet) {
        JsonNode properties = kamelet.definition().path("properties");
        List<String> violations = new ArrayList<>();
        for (String name : placeholders(kamelet.template())) {
            if (!properties.has(name)) {
                violations.add("{{" + name + "}} is used in the template but not declared");
            }
        }
        return violations;
    }

    static List<String> templateShape(Kamelet kamelet) {
        JsonNode from = kamelet.template().path("from");
        String fromUri = from.path("uri").asText();
        JsonNode steps = from.path("steps");
        String lastTo = steps.isEmpty() ? "" : toUri(steps.get(steps.size() - 1));
        return switch (kamelet.type()) {
            case "source" -> "kamelet:sink".equals(lastTo) ? List.of()
                    : List.of("source template does not end at kamelet:sink");
            case "sink" -> "kamelet:source".equals(fromUri) ? List.of()
                    : List.of("sink template does not start from kamelet:source");
            case "action" -> "kamelet:source".equals(fromUri) && "kamelet:sink".equals(lastTo) ? List.of()
                    : List.of("action template does not run from kamelet:source to kamelet:sink");
            default -> List.of("unknown type " + kamelet.type());
        };
    }

    static List<String> dependencies(Kamelet kamelet) {
        List<String> violations = new ArrayList<>();
        JsonNode dependencies = kamelet.document().path("spec").path("dependencies");
        if (dependencies.isEmpty()) {
            violations.add("no dependencies");
        }
        for (JsonNode dependency : dependencies) {
            String text = dependency.asText();
            if (!(text.startsWith("camel:") || text.startsWith("mvn:") || text.startsWith("github:apache/"))) {
                violations.add("dependency " + text + " is not camel:, mvn: or github:apache/");
            }
        }
        return violations;
    }

    static List<String> annotations(Kamelet kamelet, String projectVersion) {
        List<String> violations = new ArrayList<>();
        JsonNode annotations = kamelet.document().path("metadata").path("annotations");
        if (!annotations.path("camel.apache.org/kamelet.icon").asText().startsWith("data:image/")) {
            violations.add("icon annotation is not a data URI");
        }
        if (annotations.path("camel.apache.org/provider").asText().isBlank()) {
            violations.add("no provider annotation");
        }
        if (!projectVersion.equals(annotations.path("camel.apache.org/catalog.version").asText())) {
            violations.add("catalog.version is not " + projectVersion);
        }
        if (!Set.of("Stable", "Preview").contains(annotations.path("camel.apache.org/kamelet.support.level").asText())) {
            violations.add("support level is not Stable or Preview");
        }
        for (JsonNode dependency : kamelet.document().path("spec").path("dependencies")) {
            String text = dependency.asText();
            if (text.startsWith(DANUBE_ARTIFACT) && !text.equals(DANUBE_ARTIFACT + projectVersion)) {
                violations.add("dependency " + text + " is not version " + projectVersion);
            }
        }
        return violations;
    }

    /**
     * The kamelets-maven-plugin rule, for the danube component: every option a {@code danube:} endpoint in the
     * template sets is an endpoint parameter of the component's generated metadata, and a Kamelet enumeration offers
     * only values the option accepts. The component is the one the {@code mvn:} dependency names.
     */
    static List<String> danubeOptions(Kamelet kamelet, JsonNode componentJson) {
        List<String> violations = new ArrayList<>();
        JsonNode component = componentJson.path("component");
        String coordinates = "mvn:" + component.path("groupId").asText() + ":"
                + component.path("artifactId").asText() + ":" + component.path("version").asText();
        List<String> dependencies = new ArrayList<>();
        kamelet.document().path("spec").path("dependencies").forEach(d -> dependencies.add(d.asText()));
        if (!dependencies.contains(coordinates)) {
            violations.add("dependencies do not name the component " + coordinates);
        }
        JsonNode options = componentJson.path("properties");
        JsonNode properties = kamelet.definition().path("properties");
        List<JsonNode> endpoints = danubeEndpoints(kamelet.template());
        if (endpoints.isEmpty()) {
            violations.add("the template has no danube: endpoint");
        }
        for (JsonNode endpoint : endpoints) {
            for (Map.Entry<String, JsonNode> parameter : endpoint.path("parameters").properties()) {
                JsonNode option = options.get(parameter.getKey());
                if (option == null || !"parameter".equals(option.path("kind").asText())) {
                    violations.add("danube has no endpoint option " + parameter.getKey());
                    continue;
                }
                Matcher placeholder = PLACEHOLDER.matcher(parameter.getValue().asText());
                if (option.has("enum") && placeholder.matches()) {
                    for (JsonNode value : properties.path(placeholder.group(1)).path("enum")) {
                        if (!contains(option.get("enum"), value)) {
                            violations.add(parameter.getKey() + " does not accept " + value);
                        }
                    }
                }
            }
        }
        return violations;
    }

    /** Names of the placeholders anywhere in {@code node}'s text. */
    static Set<String> placeholders(JsonNode node) {
        Set<String> names = new LinkedHashSet<>();
        collectText(node, text -> {
            Matcher matcher = PLACEHOLDER.matcher(text);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        });
        return names;
    }

    private static void collectText(JsonNode node, Consumer<String> sink) {
        if (node.isTextual()) {
            sink.accept(node.asText());
        }
        node.properties().forEach(field -> {
            sink.accept(field.getKey());
            collectText(field.getValue(), sink);
        });
        if (node.isArray()) {
            node.forEach(child -> collectText(child, sink));
        }
    }

    /** Objects with a {@code uri} starting with {@code danube:}, at any depth of the template. */
    private static List<JsonNode> danubeEndpoints(JsonNode node) {
        List<JsonNode> found = new ArrayList<>();
        if (node.isObject() && node.path("uri").asText().startsWith("danube:")) {
            found.add(node);
        }
        if (node.isContainerNode()) {
            node.forEach(child -> found.addAll(danubeEndpoints(child)));
        }
        return found;
    }

    private static String toUri(JsonNode step) {
        JsonNode to = step.path("to");
        return to.isTextual() ? to.asText() : to.path("uri").asText();
    }

    private static void forEachProperty(Kamelet kamelet, BiConsumer<String, JsonNode> action) {
        kamelet.definition().path("properties").properties()
                .forEach(entry -> action.accept(entry.getKey(), entry.getValue()));
    }

    private static boolean contains(JsonNode array, JsonNode value) {
        for (JsonNode element : array) {
            if (element.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static String capitalise(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
