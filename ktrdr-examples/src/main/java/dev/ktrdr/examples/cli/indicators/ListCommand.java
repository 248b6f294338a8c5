package dev.ktrdr.examples.cli.indicators;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ktrdr.api.IndicatorSpec;
import dev.ktrdr.indicators.Indicator;
import dev.ktrdr.indicators.IndicatorCatalog;
import dev.ktrdr.indicators.IndicatorDefinition;
import dev.ktrdr.indicators.ParamSpec;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ktrdr indicators list [--json]}: every catalogue type with aliases, parameters, ranges and outputs. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the indicator catalogue: types, aliases, parameters (default, range), outputs.")
public final class ListCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "machine-readable JSON")
    boolean json;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (IndicatorDefinition d : IndicatorCatalog.standard().definitions()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("type", d.type());
            row.put("aliases", d.aliases());
            row.put("category", d.category().label());
            row.put("description", d.description());
            List<Map<String, Object>> params = new ArrayList<>();
            for (ParamSpec p : d.parameters()) {
                Map<String, Object> pm = new LinkedHashMap<>();
                pm.put("name", p.name());
                pm.put("kind", p.kind().name().toLowerCase(java.util.Locale.ROOT));
                pm.put("default", p.defaultValue());
                pm.put("range", p.range());
                pm.put("description", p.description());
                params.add(pm);
            }
            row.put("parameters", params);
            Indicator ind = IndicatorCatalog.standard().configure(IndicatorSpec.of(d.type(), d.type()));
            row.put("outputs", ind.outputNames());
            row.put("lookback", ind.lookback());
            row.put("model_input", d.labellingOnlyReason() == null);
            if (d.labellingOnlyReason() != null) {
                row.put("refused_because", d.labellingOnlyReason());
            }
            rows.add(row);
        }
        if (json) {
            try {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            for (Map<String, Object> r : rows) {
                @SuppressWarnings("unchecked")
                List<String> aliases = (List<String>) r.get("aliases");
                StringBuilder sb = new StringBuilder();
                sb.append(String.format("%-20s %-19s ", r.get("type"), r.get("category")));
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> ps = (List<Map<String, Object>>) r.get("parameters");
                List<String> parts = new ArrayList<>();
                for (Map<String, Object> p : ps) {
                    parts.add(p.get("name") + "=" + p.get("default") + " " + p.get("range"));
                }
                sb.append(parts.isEmpty() ? "(no parameters)" : String.join("; ", parts));
                sb.append("  -> ").append(String.join(", ", castList(r.get("outputs"))));
                if (!aliases.isEmpty()) {
                    sb.append("  aliases: ").append(String.join(", ", aliases));
                }
                if (r.containsKey("refused_because")) {
                    sb.append("  [labelling only]");
                }
                out.println(sb);
            }
            out.println(rows.size() + " types. Columns: {id} for one output, {id}.{output} for several.");
        }
        out.flush();
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object o) {
        return (List<String>) o;
    }
}
