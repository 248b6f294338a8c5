package dev.ktrdr.examples.cli.backtest;

import dev.ktrdr.api.Symbol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The tiny universal model of the CLI tests for tests of other packages: data, strategy file tiny.yaml and store. */
public final class PortfolioReportFixture {
    private PortfolioReportFixture() {
    }

    /**
     * @param dir where tiny.yaml goes
     * @param data the data folder to write
     * @param store the model store to write
     * @throws IOException when a file cannot be written
     */
    public static void trainTiny(Path dir, Path data, Path store) throws IOException {
        TinyModels.writeData(data, 1200);
        Files.writeString(dir.resolve("tiny.yaml"), TinyModels.STRATEGY);
        TinyModels.trainAndSave(TinyModels.STRATEGY, data, store, List.of(Symbol.of("BTCUSDT"), Symbol.of("ETHUSDT")));
    }
}
