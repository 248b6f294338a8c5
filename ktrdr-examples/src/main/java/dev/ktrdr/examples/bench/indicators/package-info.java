/**
 * JMH benchmarks of ktrdr-indicators: against TA-Lib 0.4 (Java) and ta4j 0.17 on the same 1 million
 * bars, and the whole catalogue at default parameters over 100k bars. Run with
 * {@code java -cp ktrdr-examples/target/ktrdr.jar org.openjdk.jmh.Main 'bench.indicators' -f 1 -wi 2 -i 3 -w 1 -r 1}.
 */
package dev.ktrdr.examples.bench.indicators;
