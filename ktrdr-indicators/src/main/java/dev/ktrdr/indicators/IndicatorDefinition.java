package dev.ktrdr.indicators;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A catalogue entry: a type name with its aliases, category, parameters and a factory of configured
 * {@link Indicator}s. This is the extension point: implement it (or use {@link #of}) and
 * {@linkplain IndicatorCatalog#register register} it, or list the implementation in
 * {@code META-INF/services/dev.ktrdr.indicators.IndicatorDefinition} to have
 * {@link IndicatorCatalog#standard()} load it; the type then works in strategy files, in the
 * {@link CatalogIndicatorEngine} and in the contract test.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface IndicatorDefinition {

    /** @return the type name as written in strategy files, lower case, e.g. {@code rsi} */
    String type();

    /** @return other accepted names, lower case, e.g. {@code bbands} */
    List<String> aliases();

    /** @return the family */
    Category category();

    /** @return one line: what it measures, its formula or source */
    String description();

    /** @return the parameters in listing order */
    List<ParamSpec> parameters();

    /**
     * @param params validated parameters (every parameter present, in range)
     * @return the configured indicator
     * @throws dev.ktrdr.api.ConfigurationException when parameters are inconsistent with each other
     */
    Indicator create(Params params);

    /**
     * @return null for model inputs; for labelling-only types (whose past values are revised as bars
     *     arrive), the reason the engine refuses them
     */
    default String labellingOnlyReason() {
        return null;
    }

    /**
     * Builds a definition from its parts.
     *
     * @param type type name, lower case
     * @param aliases other names
     * @param category family
     * @param description one line
     * @param parameters parameters
     * @param factory makes the configured indicator from validated parameters
     * @return the definition
     */
    static IndicatorDefinition of(String type, List<String> aliases, Category category, String description,
                                  List<ParamSpec> parameters, Function<Params, Indicator> factory) {
        return new Simple(type, aliases, category, description, parameters, factory, null);
    }

    /**
     * A definition from its parts.
     *
     * @param type type name
     * @param aliases other names
     * @param category family
     * @param description one line
     * @param parameters parameters
     * @param factory indicator factory
     * @param labellingOnlyReason null, or why the type is refused as a model input
     */
    record Simple(String type, List<String> aliases, Category category, String description,
                  List<ParamSpec> parameters, Function<Params, Indicator> factory, String labellingOnlyReason)
            implements IndicatorDefinition {
        /** Checks and copies. */
        public Simple {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(factory, "factory");
            aliases = List.copyOf(aliases);
            parameters = List.copyOf(parameters);
            description = description == null ? "" : description;
        }

        @Override
        public Indicator create(Params params) {
            return factory.apply(params);
        }
    }
}
