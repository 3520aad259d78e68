package io.danube.connect.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.javaprop.JavaPropsMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.danube.connect.config.ConnectorConfigLoader.Format;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads config text into a tree; a syntax error (a duplicate key included) fails with a {@link ConfigException} that
 * gives the line and column, in the form {@code TOML syntax error at line 4, column 9: ...}.
 */
final class ConfigSyntax {

    private static final ObjectMapper TOML = new TomlMapper();
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final ObjectMapper PROPERTIES = new JavaPropsMapper();
    private static final int EXCERPT_LENGTH = 80;
    private static final Pattern TABLE_HEADER = Pattern.compile("\\s*\\[\\[?([^\\]]+)\\]\\]?\\s*(#.*)?");
    private static final Pattern KEY = Pattern.compile("\\s*([A-Za-z0-9_.\"' -]+?)\\s*=");

    private ConfigSyntax() {
    }

    static ObjectNode readTree(String text, Format format) {
        ObjectMapper mapper = switch (format) {
            case TOML -> TOML;
            case PROPERTIES -> PROPERTIES;
            case YAML -> YAML;
        };
        JsonNode tree;
        try {
            tree = mapper.readTree(text);
        } catch (JacksonException e) {
            if (format == Format.TOML && "Duplicate key".equals(e.getOriginalMessage()) && e.getLocation() != null) {
                throw tomlDuplicate(text, e);
            }
            if (e instanceof StreamReadException read && read.getProcessor() != null
                && String.valueOf(e.getOriginalMessage()).startsWith("Duplicate field")) {
                String key = dotted(read.getProcessor().getParsingContext());
                throw new ConfigException(key, format.name() + " syntax error" + where(e.getLocation())
                                               + ": duplicate key, already set earlier in the file", e);
            }
            throw ConfigException.ofFile(format.name() + " syntax error" + where(e.getLocation()) + ": " + problem(e)
                                         + excerpt(text, e.getLocation()), e);
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!(tree instanceof ObjectNode object)) {
            throw ConfigException.ofFile("expected a table of keys at the top level", null);
        }
        return object;
    }

    /**
     * The TOML parser notices a duplicate key only after its value and names neither the key nor its line: the
     * duplicate is the last key or table header before the reported position.
     */
    private static ConfigException tomlDuplicate(String text, JacksonException e) {
        List<String> lines = text.lines().toList();
        String table = "";
        int duplicateLine = -1;
        String duplicate = null;
        for (int i = 0; i < Math.min(e.getLocation().getLineNr() - 1, lines.size()); i++) {
            Matcher header = TABLE_HEADER.matcher(lines.get(i));
            Matcher key = KEY.matcher(lines.get(i));
            if (header.matches()) {
                table = header.group(1).trim();
                duplicate = table;
                duplicateLine = i + 1;
            } else if (key.lookingAt()) {
                duplicate = table.isEmpty() ? key.group(1).trim() : table + "." + key.group(1).trim();
                duplicateLine = i + 1;
            }
        }
        if (duplicate == null) {
            return ConfigException.ofFile("TOML syntax error" + where(e.getLocation()) + ": duplicate key", e);
        }
        return new ConfigException(duplicate, "TOML syntax error at line " + duplicateLine + ": duplicate key, already"
                                              + " set earlier in the file", e);
    }

    private static String dotted(JsonStreamContext context) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            parts.add(0, c.inArray() ? "[" + c.getCurrentIndex() + "]" : c.getCurrentName());
        }
        return String.join(".", parts).replace(".[", "[");
    }

    /** The offending line, so the reader need not count lines: {@code  in `batch_size = = 3`}. */
    private static String excerpt(String text, JsonLocation location) {
        List<String> lines = text.lines().toList();
        if (location == null || location.getLineNr() < 1 || location.getLineNr() > lines.size()) {
            return "";
        }
        String line = lines.get(location.getLineNr() - 1).strip();
        if (line.isEmpty()) {
            return "";
        }
        return " in `" + (line.length() > EXCERPT_LENGTH ? line.substring(0, EXCERPT_LENGTH) + "..." : line) + "`";
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + (location.getColumnNr() > 0 ? ", column "
                                                                                   + location.getColumnNr() : "");
    }

    /**
     * The parser's description of the problem, without the location and excerpt it appends on further lines; for
     * YAML, what was wrong and then what was being read ("expected ',' or ']', but got <stream end>, while parsing a
     * flow sequence").
     */
    private static String problem(JacksonException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblem() != null) {
            return yaml.getContext() == null ? yaml.getProblem() : yaml.getProblem() + ", " + yaml.getContext();
        }
        String message = e.getOriginalMessage();
        return message == null ? "unreadable" : message.lines().findFirst().orElse(message).trim();
    }
}
