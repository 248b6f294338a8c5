package dev.ktrdr.examples.cli.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.examples.cli.KtrdrCli;
import dev.ktrdr.sdk.BacktestOptions;
import dev.ktrdr.sdk.BacktestReport;
import dev.ktrdr.sdk.Ktrdr;
import dev.ktrdr.sdk.PortfolioBacktestOptions;
import dev.ktrdr.sdk.PortfolioReport;
import dev.ktrdr.training.backtest.portfolio.AssetClassCosts;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ktrdr backtest --portfolio} and {@link Ktrdr#backtestPortfolio} on a tiny stored universal model. */
class PortfolioBacktestCommandTest {
    @TempDir
    static Path dir;
    static Path data;
    static Path store;
    static Path strategy;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeAll
    static void trainOnce() throws IOException {
        data = dir.resolve("data");
        store = dir.resolve("models");
        TinyModels.writeData(data, 1200);
        strategy = TinyModels.writeStrategy(dir, TinyModels.STRATEGY);
        TinyModels.trainAndSave(TinyModels.STRATEGY, data, store, List.of(Symbol.of("BTCUSDT"), Symbol.of("ETHUSDT")));
    }

    int run(String... args) {
        CommandLine cl = KtrdrCli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void theFacadesPortfolioOfOneSymbolEqualsItsSingleSymbolBacktest() {
        Ktrdr k = Ktrdr.open(data, store);
        BacktestReport single = k.backtest(k.resolve("tiny_universal", "ETHUSDT"), BacktestOptions.DEFAULTS);
        PortfolioReport port = k.backtestPortfolio("tiny_universal", List.of(Symbol.of("ETHUSDT")),
                PortfolioBacktestOptions.DEFAULTS.with(PortfolioBacktestOptions.DEFAULTS.portfolio()
                        .withCostsForAll(new AssetClassCosts(0.001, 0, 0, 0))));
        assertThat(port.run().equity()).containsExactly(single.equity());
        assertThat(port.run().benchmark()).containsExactly(single.buyAndHold());
        assertThat(port.run().trades()).isEqualTo(single.trades());
        assertThat(port.figures().sharpe()).isEqualTo(single.figures().sharpe());
    }

    @Test
    void aPortfolioOfThreeSymbolsPrintsGroupedFiguresAndWritesWhatTheReportNeeds() throws IOException {
        Path o = dir.resolve("portfolio-out");
        assertThat(run("backtest", strategy.toString(), "--portfolio", "--symbols", "BTCUSDT,ETHUSDT,EURUSD", "--data-dir",
                data.toString(), "--models-dir", store.toString(), "--sizing", "equal", "--gross-cap", "1.5",
                "--default-costs", "--borrow", "--out", o.toString())).as(err.toString()).isZero();
        String text = out.toString();
        assertThat(text).contains("tiny_universal as a portfolio of 3 symbols").contains("  returns\n").contains("  risk\n")
                .contains("  trades\n").contains("  costs\n").contains("  benchmark (buy and hold)\n")
                .containsPattern("total_return +-?[0-9]+\\.[0-9]{2} %").containsPattern("sharpe +-?[0-9]+\\.[0-9]{2}\n")
                .containsPattern("trade_count +[0-9,]+\n").contains("EURUSD").contains("universal*")
                .contains("exposure by asset class");
        assertThat(text.indexOf("total_return")).isLessThan(text.indexOf("trade_count"));
        JsonNode doc = new ObjectMapper().readTree(o.resolve("summary.json").toFile());
        assertThat(doc.get("symbols")).hasSize(3);
        assertThat(doc.get("sizing").get("gross_cap").asDouble()).isEqualTo(1.5);
        assertThat(doc.get("costs").get("forex").get("slippage_bps").asDouble()).isEqualTo(0.5);
        double sum = 0;
        for (JsonNode s : doc.get("symbols")) {
            sum += s.get("contribution").asDouble();
        }
        assertThat(sum).isCloseTo(doc.get("metrics").get("final_equity").asDouble() - 100_000, within(1e-6));
        assertThat(doc.get("correlation").get("matrix")).hasSize(3);
        assertThat(Files.readAllLines(o.resolve("per_symbol.csv"))).hasSize(4);
        assertThat(Files.readAllLines(o.resolve("buy_and_hold.csv"))).hasSameSizeAs(Files.readAllLines(o.resolve("equity.csv")));
        assertThat(run("report", o.toString())).as(err.toString()).isZero();
        String html = Files.readString(o.resolve("report/index.html"));
        assertThat(html).contains("alt=\"Equity vs buy-and-hold: strategy equity from 100,000.00 to ")
                .contains("alt=\"Contribution per symbol\"").contains("alt=\"Exposure by asset class\"")
                .contains("alt=\"Correlation of daily returns\"").doesNotContain("data-points=\"0\"");
    }

    @Test
    void theFacadeWritesThePortfolioReport() throws IOException {
        Ktrdr k = Ktrdr.open(data, store);
        PortfolioReport port = k.backtestPortfolio("tiny_universal", List.of(Symbol.of("BTCUSDT"), Symbol.of("EURUSD")),
                PortfolioBacktestOptions.DEFAULTS);
        Path page = k.writeReport(port, dir.resolve("facade-report"));
        String html = Files.readString(page);
        assertThat(html).contains("<title>tiny_universal, portfolio of 2 symbols, ").contains("equal-weight buy and hold return")
                .contains("alt=\"Contribution per symbol\"").contains("alt=\"Correlation of daily returns\"");
        assertThat(port.toJson()).contains("\"exposure_by_asset_class\"").contains("\"crypto\"").contains("\"forex\"");
        double sum = port.run().perSymbol().stream().mapToDouble(f -> f.contribution()).sum();
        double[] e = port.run().equity();
        assertThat(sum).isCloseTo(e[e.length - 1] - 100_000, within(1e-6));
    }

    @Test
    void reportOverASingleSymbolBacktestOutTitlesItAndDrawsBuyAndHold() throws IOException {
        Path o = dir.resolve("single-out");
        assertThat(run("backtest", strategy.toString(), "--symbol", "BTCUSDT", "--data-dir", data.toString(), "--models-dir",
                store.toString(), "--out", o.toString())).as(err.toString()).isZero();
        assertThat(run("report", o.toString())).as(err.toString()).isZero();
        String html = Files.readString(o.resolve("report/index.html"));
        assertThat(html).containsPattern("<title>Backtest: tiny_universal on BTCUSDT, 2024-[0-9-]+ to 2024-[0-9-]+ \\(UTC\\)</title>")
                .contains("alt=\"Equity vs buy-and-hold: strategy equity from ").contains(", buy and hold from ");
    }

    @Test
    void badPortfolioArgumentsExitTwoWithOneLine() {
        assertThat(run("backtest", strategy.toString(), "--portfolio", "--data-dir", data.toString(), "--models-dir",
                store.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--symbols");
        assertThat(run("backtest", strategy.toString(), "--portfolio", "--symbols", "BTCUSDT", "--sizing", "kelly",
                "--data-dir", data.toString(), "--models-dir", store.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("'kelly' is not one of equal, vol, cap");
    }
}
