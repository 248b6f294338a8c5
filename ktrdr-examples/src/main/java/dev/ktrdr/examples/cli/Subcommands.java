package dev.ktrdr.examples.cli;

import java.util.List;

/**
 * The registry of top-level subcommands. Each capability adds its command object here, so the
 * command line grows with the library without touching {@link KtrdrCli}.
 */
final class Subcommands {
    private Subcommands() {
    }

    static List<Object> all() {
        return List.of(
                new dev.ktrdr.examples.cli.demo.DemoCommand(),
                new dev.ktrdr.examples.cli.data.DataCommand(),
                new dev.ktrdr.examples.cli.indicators.IndicatorsCommand(),
                new dev.ktrdr.examples.cli.fuzzy.FuzzyCommand(),
                new dev.ktrdr.examples.cli.fuzzy.FeaturesCommand(),
                new dev.ktrdr.examples.cli.strategy.StrategyCommand(),
                new dev.ktrdr.examples.cli.train.TrainCommand(),
                new dev.ktrdr.examples.cli.models.ModelsCommand(),
                new dev.ktrdr.examples.cli.backtest.BacktestCommand(),
                new dev.ktrdr.examples.cli.backtest.AnalyzeCommand(),
                new dev.ktrdr.examples.cli.experiment.ExperimentCommand(),
                new dev.ktrdr.examples.cli.report.ReportCommand(),
                new dev.ktrdr.examples.serve.ServeCommand(),
                new dev.ktrdr.examples.cli.audit.AuditCommand());
    }
}
