package dev.ktrdr.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeploymentTest {
    private final List<Timeframe> tfs = List.of(Timeframe.H1, Timeframe.H4, Timeframe.D1);
    private final SymbolInfo gbp = new SymbolInfo(Symbol.of("GBPUSD"), AssetClass.FOREX, "forex", Optional.empty());
    private final SymbolInfo btc = new SymbolInfo(Symbol.of("BTCUSDT"), AssetClass.CRYPTO, "crypto", Optional.empty());
    private final Set<Symbol> trained = Set.of(Symbol.of("EURUSD"));

    @Test
    void universalServesUnseenSymbolsOnTheSupportedTimeframes() {
        Deployment d = new Deployment(Deployment.Mode.UNIVERSAL, Set.of(), Set.of(), tfs);
        assertThat(d.refusal(gbp, List.of(Timeframe.D1, Timeframe.H1, Timeframe.H4), trained)).isEmpty();
    }

    @Test
    void eachRestrictionRefusesWithItsReason() {
        Deployment excluded = new Deployment(Deployment.Mode.UNIVERSAL, Set.of(), Set.of(Symbol.of("GBPUSD")), tfs);
        assertThat(excluded.refusal(gbp, tfs, trained)).hasValue("symbol GBPUSD is excluded by the deployment");
        Deployment trainingOnly = new Deployment(Deployment.Mode.TRAINING_ONLY, Set.of(), Set.of(), tfs);
        assertThat(trainingOnly.refusal(gbp, tfs, trained).orElseThrow()).contains("training_only");
        Deployment fxOnly = new Deployment(Deployment.Mode.GROUP_RESTRICTED, Set.of(AssetClass.FOREX), Set.of(), tfs);
        assertThat(fxOnly.refusal(gbp, tfs, trained)).isEmpty();
        assertThat(fxOnly.refusal(btc, tfs, trained).orElseThrow()).contains("asset class crypto");
        Deployment universal = new Deployment(Deployment.Mode.UNIVERSAL, Set.of(), Set.of(), tfs);
        assertThat(universal.refusal(gbp, List.of(Timeframe.H1), trained).orElseThrow()).contains("differ from the supported");
    }
}
