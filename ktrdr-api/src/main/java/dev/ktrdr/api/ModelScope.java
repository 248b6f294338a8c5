package dev.ktrdr.api;

import dev.ktrdr.api.internal.SafeNames;
import java.util.Objects;

/**
 * Whom a model serves: every allowed symbol ({@code universal}), one group ({@code group-{name}}) or one
 * symbol ({@code {SYMBOL}}). {@link #dirName()} is the scope part of a model directory name.
 *
 * @param kind the kind of scope
 * @param name the group name or symbol; {@code "universal"} for the universal scope
 */
public record ModelScope(Kind kind, String name) {
    /** Scope kinds, in the order the loader tries them is universal, symbol, group. */
    public enum Kind {
        /** One model for every allowed symbol. */
        UNIVERSAL,
        /** One model for a group of symbols, e.g. an asset class. */
        GROUP,
        /** One model for one symbol. */
        SYMBOL
    }

    /** The universal scope. */
    public static final ModelScope UNIVERSAL = new ModelScope(Kind.UNIVERSAL, "universal");

    /**
     * Validates the name as a safe path part.
     *
     * @param kind the kind of scope
     * @param name the group name or symbol; {@code "universal"} for the universal scope
     */
    public ModelScope {
        Objects.requireNonNull(kind, "kind");
        SafeNames.require(kind == Kind.SYMBOL ? "symbol" : "scope name", name, 64);
    }

    /**
     * @param group a group name
     * @return the group scope
     */
    public static ModelScope group(String group) {
        return new ModelScope(Kind.GROUP, group);
    }

    /**
     * @param symbol a symbol
     * @return the symbol scope
     */
    public static ModelScope symbol(Symbol symbol) {
        return new ModelScope(Kind.SYMBOL, symbol.value());
    }

    /** @return {@code universal}, {@code group-{name}} or the symbol */
    public String dirName() {
        switch (kind) {
            case UNIVERSAL: return "universal";
            case GROUP: return "group-" + name;
            default: return name;
        }
    }

    /**
     * @param dirName a scope part of a directory name
     * @return the scope
     */
    public static ModelScope parse(String dirName) {
        if ("universal".equals(dirName)) {
            return UNIVERSAL;
        }
        if (dirName.startsWith("group-")) {
            return group(dirName.substring("group-".length()));
        }
        return new ModelScope(Kind.SYMBOL, dirName);
    }
}
