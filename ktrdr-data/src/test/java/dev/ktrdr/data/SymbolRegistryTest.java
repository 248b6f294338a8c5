package dev.ktrdr.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktrdr.api.AssetClass;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SymbolRegistryTest {

    private static SymbolInfo infer(String s) {
        return SymbolRegistry.defaults().info(Symbol.of(s));
    }

    @Test
    void infersAssetClassAndCalendarFromTheName() {
        assertThat(infer("EURUSD")).isEqualTo(new SymbolInfo(Symbol.of("EURUSD"), AssetClass.FOREX, "forex", Optional.empty()));
        assertThat(infer("GBPJPY").assetClass()).isEqualTo(AssetClass.FOREX);
        assertThat(infer("XAUUSD")).isEqualTo(new SymbolInfo(Symbol.of("XAUUSD"), AssetClass.COMMODITY, "metals", Optional.empty()));
        assertThat(infer("XAGUSD").assetClass()).isEqualTo(AssetClass.COMMODITY);
        for (String c : new String[] {"BTCUSDT", "ETHUSDT", "NEOUSDT", "BTCUSD", "BTC-USD", "ETHBTC", "SOL_USDC"}) {
            assertThat(infer(c).assetClass()).as(c).isEqualTo(AssetClass.CRYPTO);
            assertThat(infer(c).calendarId()).isEqualTo("crypto");
        }
        assertThat(infer("VIX")).isEqualTo(new SymbolInfo(Symbol.of("VIX"), AssetClass.INDEX, "us-equity", Optional.empty()));
        for (String e : new String[] {"AAPL", "SPY", "BRK.B", "LINK", "USDCAD1"}) {
            assertThat(infer(e).assetClass()).as(e).isEqualTo(AssetClass.EQUITY);
        }
    }

    @Test
    void registryFileOverridesInferenceAndAddsGroups(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("symbols.csv"), "# my symbols\nsymbol,asset_class,calendar,group\n"
                + "BTCUSD,crypto,,majors\nSPY,etf,us-equity,\nGOLD,metal,forex,metals\n");
        SymbolRegistry r = SymbolRegistry.load(dir);
        assertThat(r.info(Symbol.of("BTCUSD")).group()).contains("majors");
        assertThat(r.info(Symbol.of("SPY")).assetClass()).isEqualTo(AssetClass.EQUITY);
        assertThat(r.info(Symbol.of("GOLD"))).isEqualTo(new SymbolInfo(Symbol.of("GOLD"), AssetClass.COMMODITY, "forex",
                Optional.of("metals")));
        assertThat(r.info(Symbol.of("EURUSD")).assetClass()).isEqualTo(AssetClass.FOREX);
        assertThat(r.calendar(Symbol.of("GOLD")).id()).isEqualTo("forex");
    }

    @Test
    void badRegistryLinesNameFileAndLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("symbols.csv"), "symbol,asset_class,calendar,group\nEURUSD,forex\nAAPL,bonds\n");
        assertThatThrownBy(() -> SymbolRegistry.load(dir)).isInstanceOf(DataException.class)
                .hasMessageStartingWith(dir.resolve("symbols.csv") + ":3: asset_class: 'bonds' is not an asset class");
        Files.writeString(dir.resolve("symbols.csv"), "symbol,asset_class\n../x,forex\n");
        assertThatThrownBy(() -> SymbolRegistry.load(dir)).isInstanceOf(DataException.class)
                .hasMessageContaining("symbols.csv:2: symbol: '../x' is not a valid symbol");
    }
}
