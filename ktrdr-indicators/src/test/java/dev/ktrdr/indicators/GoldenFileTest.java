package dev.ktrdr.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.api.IndicatorSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Indicators TA-Lib lacks are pinned by golden files in {@code src/test/resources/golden}, produced by
 * {@code reference.py} there: an independent, naive Python implementation of each published formula run
 * on the 80-bar series {@code bars.csv} (with a flat, zero-volume stretch). Relative error at most 1e-9;
 * warm-up cells (empty) must be NaN.
 */
class GoldenFileTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "supertrend_10_3;supertrend;period=10,multiplier=3.0",
        "supertrend_5_1.5;supertrend;period=5,multiplier=1.5",
        "rvi_10_4;rvi;period=10,signal_period=4",
        "fishertransform_10_3;fishertransform;period=10,smoothing=3",
        "cmf_21;cmf;period=21",
        "vwap_0;vwap;period=0",
        "ema_20_adjusted;ema;period=20,adjust=true",
        "ichimoku_chikou_26;ichimoku;displacement=26"})
    void indicatorMatchesIndependentReference(String file, String type, String params) throws IOException {
        Ohlcv bars = readBars();
        Map<String, Object> p = new LinkedHashMap<>();
        for (String kv : params.split(",")) {
            String[] e = kv.split("=");
            p.put(e[0], e[1].equals("true") ? (Object) Boolean.TRUE : e[1].contains(".") ? (Object) Double.parseDouble(e[1])
                    : (Object) Integer.parseInt(e[1]));
        }
        Indicator ind = IndicatorCatalog.standard().configure(new IndicatorSpec("g", type, p));
        double[][] out = ind.compute(bars);
        List<String[]> rows = read("golden/golden_" + file + ".csv");
        String[] header = rows.get(0);
        int checked = 0;
        for (int k = 1; k < header.length; k++) {
            int j = ind.outputNames().indexOf(header[k]);
            assertThat(j).as("output %s of %s", header[k], type).isGreaterThanOrEqualTo(0);
            for (int r = 1; r < rows.size(); r++) {
                String cell = rows.get(r).length > k ? rows.get(r)[k] : "";
                double ours = out[j][r - 1];
                if (cell.isEmpty()) {
                    assertThat(ours).as("%s.%s bar %d warm-up", type, header[k], r - 1).isNaN();
                } else {
                    double e = Double.parseDouble(cell);
                    assertThat(Math.abs(ours - e)).as("%s.%s bar %d: ours %s, reference %s", type, header[k], r - 1, ours, e)
                            .isLessThanOrEqualTo(1e-9 * Math.max(1e-9, Math.abs(e)));
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(20);
    }

    static Ohlcv readBars() throws IOException {
        List<String[]> rows = read("golden/bars.csv");
        int n = rows.size() - 1;
        double[][] c = new double[5][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 5; k++) {
                c[k][i] = Double.parseDouble(rows.get(i + 1)[k]);
            }
        }
        return new Ohlcv(c[0], c[1], c[2], c[3], c[4]);
    }

    static List<String[]> read(String resource) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = GoldenFileTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.startsWith("#")) {
                    rows.add(line.split(",", -1));
                }
            }
        }
        return rows;
    }

    @org.junit.jupiter.api.Test
    void zigzagFollowsAHandCalculation() {
        // hand calculation, threshold 10%: 100 -> 120 (high) -> 100 (low, -16.7%) -> 115 (+15%) -> 112
        double[] x = {100, 110, 120, 108, 100, 104, 115, 112};
        Indicator z = IndicatorCatalog.standard().configure(new IndicatorSpec("z", "zigzag", Map.of("threshold", 0.1)));
        double[] line = z.compute(new Ohlcv(x, x, x, x, new double[x.length]))[0];
        // pivots at bars 0 (100), 2 (120), 4 (100), 6 (115, last extreme), then to the last bar 7 (112)
        assertThat(line).containsExactly(new double[] {100, 110, 120, 110, 100, 107.5, 115, 112}, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Arrays.stream(line).allMatch(Double::isFinite)).isTrue();
    }
}
