package io.danube.camel;

import org.apache.camel.support.DefaultHeaderFilterStrategy;

/**
 * Default mapping between Camel headers and Danube attributes: every header becomes an attribute and every attribute
 * a header, except Camel's own ({@code Camel*}, {@code camel*}, {@code org.apache.camel.*}) in both directions.
 */
public class DanubeHeaderFilterStrategy extends DefaultHeaderFilterStrategy {

    private static final String[] CAMEL_INTERNAL_PREFIXES = { "Camel", "camel", "org.apache.camel." };

    public DanubeHeaderFilterStrategy() {
        setOutFilterStartsWith(CAMEL_INTERNAL_PREFIXES);
        setInFilterStartsWith(CAMEL_INTERNAL_PREFIXES);
    }
}
